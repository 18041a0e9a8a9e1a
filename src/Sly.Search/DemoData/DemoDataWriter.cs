using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sly.Search.DemoData;

/// <summary>
/// Writes the demo set to a folder: <c>&lt;dataset&gt;/&lt;name&gt;.png</c> per image and <c>labels.jsonl</c>
/// with one object per image: <c>{"path","dataset","part","colour","defect","captions"}</c>.
/// </summary>
public static class DemoDataWriter
{
    /// <summary>Name of the labels file written beside the dataset folders.</summary>
    public const string LabelsFileName = "labels.jsonl";

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Renders <paramref name="count"/> images in parallel and writes them with their labels. Existing files of the
    /// same names are replaced; labels.jsonl is written last (through a temporary file), so it only lists images on disk.
    /// </summary>
    /// <param name="outputDirectory">Folder to write into; created if missing.</param>
    /// <param name="count">How many images, 1 or more.</param>
    /// <param name="seed">Any integer; the same seed gives byte-identical files.</param>
    /// <param name="size">Image width and height, 16–4096 pixels.</param>
    /// <param name="progress">Receives the number of images written so far.</param>
    /// <param name="cancellationToken">Stops between images.</param>
    /// <exception cref="ArgumentException"><paramref name="outputDirectory"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or <paramref name="size"/> is out of range.</exception>
    public static DemoDataSummary Write(string outputDirectory, int count, long seed, int size = DemoImageSet.DefaultSize,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var images = DemoImageSet.Generate(count, seed, size).ToArray();
        var stopwatch = Stopwatch.StartNew();
        var root = Path.GetFullPath(outputDirectory);
        foreach (var dataset in images.Select(i => i.Dataset).Distinct())
            Directory.CreateDirectory(Path.Combine(root, dataset));

        var written = 0;
        Parallel.ForEach(images, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, image =>
        {
            var png = image.EncodePng();
            File.WriteAllBytes(Path.Combine(root, image.Dataset, image.Name + ".png"), png);
            progress?.Report(Interlocked.Increment(ref written));
        });

        var labelsPath = Path.Combine(root, LabelsFileName);
        var temporary = labelsPath + ".tmp";
        using (var stream = File.Create(temporary))
        {
            foreach (var image in images)
            {
                WriteLabel(stream, image);
                stream.WriteByte((byte)'\n');
            }
        }
        File.Move(temporary, labelsPath, overwrite: true);

        return new DemoDataSummary(root, labelsPath, images.Length,
            CountBy(images, i => i.Dataset, DemoCatalog.Datasets),
            CountBy(images, i => i.Label.Part, DemoCatalog.Parts),
            CountBy(images, i => i.Label.Defect, DemoCatalog.Defects),
            stopwatch.Elapsed);
    }

    /// <summary>Writes one image's labels.jsonl object (without the newline).</summary>
    public static void WriteLabel(Stream stream, DemoImage image)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(image);
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteString("path", image.RelativePath);
        json.WriteString("dataset", image.Dataset);
        json.WriteString("part", image.Label.Part);
        json.WriteString("colour", image.Label.Colour);
        json.WriteString("defect", image.Label.Defect);
        json.WriteStartArray("captions");
        foreach (var caption in image.Captions)
            json.WriteStringValue(caption);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static Dictionary<string, int> CountBy(DemoImage[] images, Func<DemoImage, string> key, IReadOnlyList<string> order)
    {
        var counts = order.ToDictionary(k => k, _ => 0);
        foreach (var image in images)
            counts[key(image)]++;
        return counts;
    }
}
