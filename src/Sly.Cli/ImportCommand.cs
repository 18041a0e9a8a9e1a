using System.CommandLine;
using Sly.Api;
using Sly.Interactive.Client;
using Spectre.Console;

namespace Sly.Cli;

/// <summary><c>sly import DIR</c>: sub-folders become datasets, image files become images; re-running adds only what is new.</summary>
internal static class ImportCommand
{
    public static readonly IReadOnlySet<string> ImageExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff",
    };

    public const long WorkspaceId = 1;

    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "Folder whose sub-folders are datasets holding image files." };
        folder.AcceptExistingOnly();
        var project = new Option<string?>("--project") { Description = "Project name in workspace 1 (default: the folder's name); created if missing." };
        var connection = new ServerConnection();
        var command = new Command("import", $"Upload a folder of images: each sub-folder becomes a dataset; files with {string.Join(", ", ImageExtensions.Order())} become images.")
        {
            folder, project,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(folder)!;
            var name = parse.GetValue(project) ?? dir.Name;
            using var api = connection.Connect(parse);
            try
            {
                var summary = await ImportAsync(api, dir.FullName, name, cancellationToken);
                Console.WriteLine($"Project '{summary.Project.Name}' (id {summary.Project.Id}): {summary.Uploaded} images uploaded, {summary.Skipped} already there, {summary.Datasets} datasets.");
                return 0;
            }
            catch (SlyApiException e)
            {
                Console.Error.WriteLine($"import: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    public sealed record ImportSummary(ProjectInfo Project, int Datasets, int Uploaded, int Skipped);

    public static async Task<ImportSummary> ImportAsync(SlyApi api, string folder, string projectName, CancellationToken cancellationToken)
    {
        var datasets = Directory.GetDirectories(folder).Order(StringComparer.Ordinal)
            .Select(d => (Name: Path.GetFileName(d), Files: Directory.GetFiles(d).Where(f => ImageExtensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToList()))
            .Where(d => d.Files.Count > 0)
            .ToList();
        if (datasets.Count == 0)
            throw new CliException($"import: {folder} has no sub-folders with images; expected DIR/<dataset>/<image> with extensions {string.Join(", ", ImageExtensions.Order())}.");

        var project = (await api.Project.GetListAsync(WorkspaceId, cancellationToken: cancellationToken)).FirstOrDefault(p => p.Name == projectName)
            ?? await api.Project.CreateAsync(WorkspaceId, projectName, cancellationToken: cancellationToken);
        var existing = (await api.Dataset.GetListAsync(project.Id, cancellationToken: cancellationToken)).ToDictionary(d => d.Name, StringComparer.Ordinal);
        var plan = new List<(DatasetInfo Dataset, List<string> Files)>();
        var skipped = 0;
        foreach (var (name, files) in datasets)
        {
            if (!existing.TryGetValue(name, out var dataset))
                dataset = await api.Dataset.CreateAsync(project.Id, name, changeNameIfConflict: false, cancellationToken: cancellationToken);
            var taken = (await api.Image.GetListAsync(dataset.Id, cancellationToken: cancellationToken)).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            var fresh = files.Where(f => !taken.Contains(Path.GetFileName(f))).ToList();
            skipped += files.Count - fresh.Count;
            plan.Add((dataset, fresh));
        }

        var total = plan.Sum(p => p.Files.Count);
        var uploaded = 0;
        async Task UploadAll(Action<string, int>? report)
        {
            foreach (var (dataset, files) in plan)
            {
                if (files.Count == 0)
                    continue;
                var before = uploaded;
                await api.Image.UploadPathsAsync(dataset.Id, files.Select(Path.GetFileName).ToList()!, files,
                    new Progress<int>(done => report?.Invoke(dataset.Name, before + done)), cancellationToken);
                uploaded += files.Count;
                report?.Invoke(dataset.Name, uploaded);
            }
        }
        if (total > 0 && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"Uploading {total} images", maxValue: total);
                    await UploadAll((dataset, done) => { task.Description = $"Uploading to {Markup.Escape(dataset)}"; task.Value = done; });
                });
        }
        else
        {
            await UploadAll(null);
        }
        return new ImportSummary(project, plan.Count, uploaded, skipped);
    }
}
