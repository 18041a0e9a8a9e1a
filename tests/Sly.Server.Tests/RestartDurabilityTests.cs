using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Refit;
using Sly.Api;
using Sly.Api.Json;
using Sly.Interactive.Transport;
using Sly.Search.DemoData;
using Sly.Server.Storage;

namespace Sly.Server.Tests;

/// <summary>
/// A real server process killed with SIGKILL while it embeds loses no committed vector, and after a restart the job
/// resumes where it stopped (the in-progress flag is repaired) and finishes.
/// </summary>
public sealed class RestartDurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_embedding_job_resumes_after_restart_without_losing_vectors()
    {
        var model = DemoModelFlowTests.DemoModel();
        var data = Directory.CreateTempSubdirectory("sly-restart-").FullName;
        var port = FreePort();
        var server = StartProcess(data, port, model);
        try
        {
            var api = await ConnectAsync(data, port);
            var project = await ServerScenarios.ProjectAsync(api, "durable", Ct);
            var dataset = await ServerScenarios.DatasetAsync(api, project.Id, "all", Ct);
            var demo = DemoImageSet.Generate(1200, seed: 7, size: 160).ToList();
            foreach (var chunk in demo.Chunk(200))
                await ServerScenarios.UploadAsync(api, dataset.Id, chunk.Select(d => (d.Name + ".png", d.EncodePng())).ToList(), Ct);

            await api.ProjectsEditInfoAsync(new ProjectsEditInfoRequest { Id = project.Id, EmbeddingsEnabled = true }, Ct);
            long doneBeforeKill;
            while (true)
            {
                var progress = await api.SlyEmbeddingsProgressAsync(new SlyEmbeddingsProgressRequest { ProjectId = project.Id }, Ct);
                if (progress.Done > 0)
                {
                    Assert.True(progress.Done < progress.Total, "the job finished before it could be killed; give it more images");
                    doneBeforeKill = progress.Done;
                    break;
                }
                await Task.Delay(10, Ct);
            }
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(Ct);

            var database = new SqliteDatabase(Path.Combine(data, "sly.db"));
            var stored = new VectorStore(database).Count(project.Id);
            Assert.True(stored >= doneBeforeKill, $"{stored} vectors survived, {doneBeforeKill} were reported done before the kill");
            Assert.True(new ProjectStore(database).Get(project.Id)!.EmbeddingsInProgress, "the in-progress flag of the interrupted job is left set for the restart to repair");

            server = StartProcess(data, port, model);
            api = await ConnectAsync(data, port);
            await ServerScenarios.WaitForEmbeddingsAsync(api, project.Id, Ct, TimeSpan.FromMinutes(3));
            var final = await api.SlyEmbeddingsProgressAsync(new SlyEmbeddingsProgressRequest { ProjectId = project.Id }, Ct);
            Assert.Equal((1200L, 0L), (final.Done, final.Failed));
            Assert.False((await api.ProjectsInfoAsync(new ProjectsInfoRequest { Id = project.Id }, Ct)).EmbeddingsInProgress);
        }
        finally
        {
            if (!server.HasExited)
                server.Kill(entireProcessTree: true);
            Directory.Delete(data, recursive: true);
        }
    }

    private static Process StartProcess(string data, int port, string model)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Sly.Server.dll"), "--data", data, "--urls", $"http://127.0.0.1:{port}", "--model", model, "--embedding-batch", "8" })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<ISupervisely> ConnectAsync(string data, int port)
    {
        var env = Path.Combine(data, "supervisely.env");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var token = File.ReadAllLines(env).Single(l => l.StartsWith("API_TOKEN=", StringComparison.Ordinal))["API_TOKEN=".Length..];
                var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/public/api/v3") };
                http.DefaultRequestHeaders.Add("x-api-key", token);
                var api = RestService.For<ISupervisely>(http, new RefitSettings(new SystemTextJsonContentSerializer(SuperviselyJson.Options)));
                await api.InstanceVersionAsync(null, Ct);
                return api;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, Ct);
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
