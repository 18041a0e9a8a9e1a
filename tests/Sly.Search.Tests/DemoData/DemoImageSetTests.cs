using System.Security.Cryptography;
using System.Text.Json;
using SkiaSharp;
using Sly.Search.DemoData;

namespace Sly.Search.Tests.DemoData;

public sealed class DemoImageSetTests
{
    [Fact]
    public void The_same_seed_gives_byte_identical_pngs()
    {
        var first = DemoImageSet.Generate(12, seed: 42, size: 96).Select(i => i.EncodePng()).ToList();
        var second = DemoImageSet.Generate(12, seed: 42, size: 96).Select(i => i.EncodePng()).ToList();

        Assert.Equal(first.Select(Hash), second.Select(Hash));
    }

    [Fact]
    public void Rendering_in_parallel_gives_the_same_bytes_as_in_sequence()
    {
        var images = DemoImageSet.Generate(16, seed: 5, size: 64).ToArray();
        var sequential = images.Select(i => Hash(i.EncodePng())).ToArray();
        var parallel = new string[images.Length];

        Parallel.For(0, images.Length, i => parallel[i] = Hash(images[i].EncodePng()));

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void A_different_seed_gives_different_images()
    {
        var a = DemoImageSet.Generate(8, seed: 1, size: 64).Select(i => Hash(i.EncodePng())).ToHashSet();
        var b = DemoImageSet.Generate(8, seed: 2, size: 64).Select(i => Hash(i.EncodePng())).ToList();

        Assert.DoesNotContain(b, a.Contains);
    }

    [Fact]
    public void Image_i_does_not_depend_on_how_many_are_generated()
    {
        var fromFive = DemoImageSet.Generate(5, seed: 9, size: 48).Last();
        var fromFifty = DemoImageSet.Generate(50, seed: 9, size: 48).ElementAt(4);
        var direct = DemoImageSet.Get(4, seed: 9, size: 48);

        Assert.Equal(fromFive.Label, fromFifty.Label);
        Assert.Equal(fromFive.Captions, direct.Captions);
        Assert.Equal(Hash(fromFive.EncodePng()), Hash(direct.EncodePng()));
    }

    [Fact]
    public void Labels_cover_every_part_colour_defect_and_dataset()
    {
        var images = DemoImageSet.Generate(600, seed: 3).ToList();

        Assert.Equal(DemoCatalog.Parts.Order(), images.Select(i => i.Label.Part).Distinct().Order());
        Assert.Equal(DemoCatalog.Colours.Order(), images.Select(i => i.Label.Colour).Distinct().Order());
        Assert.Equal(DemoCatalog.Defects.Order(), images.Select(i => i.Label.Defect).Distinct().Order());
        Assert.Equal(DemoCatalog.Datasets.Order(), images.Select(i => i.Dataset).Distinct().Order());
        // every part appears with every defect, so a model can learn defects independently of parts
        foreach (var part in DemoCatalog.Parts)
            foreach (var defect in DemoCatalog.Defects)
                Assert.Contains(images, i => i.Label.Part == part && i.Label.Defect == defect);
    }

    [Fact]
    public void Datasets_differ_in_their_defect_mix()
    {
        var images = DemoImageSet.Generate(3000, seed: 11).ToList();
        double Share(string dataset, string defect) =>
            images.Count(i => i.Dataset == dataset && i.Label.Defect == defect) / (double)images.Count(i => i.Dataset == dataset);

        Assert.True(Share("line-a", "rust") > 1.5 * Share("line-c", "rust"));
        Assert.True(Share("line-b", "scratch") > 1.5 * Share("line-a", "scratch"));
    }

    [Fact]
    public void Names_are_unique_and_paths_are_dataset_slash_name_png()
    {
        var images = DemoImageSet.Generate(200, seed: 4).ToList();

        Assert.Equal(images.Count, images.Select(i => i.Name).Distinct().Count());
        Assert.All(images, i =>
        {
            Assert.Equal($"{i.Dataset}/{i.Name}.png", i.RelativePath);
            Assert.StartsWith(i.Label.Part + "-", i.Name);
        });
        Assert.Equal("000001", images[0].Name[^6..]);
    }

    [Fact]
    public void Captions_are_several_distinct_phrasings_that_name_the_part()
    {
        var images = DemoImageSet.Generate(300, seed: 8).ToList();
        string[] partWords = ["gear", "cog", "bolt", "nut", "washer", "bracket", "plate", "spring"];

        Assert.All(images, i =>
        {
            Assert.Equal(5, i.Captions.Count);
            Assert.Equal(5, i.Captions.Distinct().Count());
            Assert.All(i.Captions, c => Assert.Contains(partWords, w => c.Contains(w, StringComparison.Ordinal)));
        });
        // at most one caption per image leaves the defect unmentioned ("a picture of a brass nut on a table")
        Assert.All(images.Where(i => i.Label.Defect == "rust"), i => Assert.True(i.Captions.Count(c => c.Contains("rust", StringComparison.Ordinal) || c.Contains("corro", StringComparison.Ordinal)) >= 4));
        var clean = images.Where(i => i.Label.Defect == "none").SelectMany(i => i.Captions).ToList();
        Assert.DoesNotContain(clean, c => c.Contains("rust", StringComparison.Ordinal) || c.Contains("crack", StringComparison.Ordinal));
        Assert.True(images.SelectMany(i => i.Captions).Distinct().Count() > 600, "captions should vary across images");
    }

    [Fact]
    public void Renders_at_the_requested_size_with_an_opaque_part_on_a_background()
    {
        var image = DemoImageSet.Get(0, seed: 1);
        using var bitmap = image.Render(128);

        Assert.Equal(128, bitmap.Width);
        Assert.Equal(128, bitmap.Height);
        // not a flat image: the part and background differ clearly
        var pixels = Enumerable.Range(0, 128 * 128).Select(k => bitmap.GetPixel(k % 128, k / 128)).ToList();
        var lumas = pixels.Select(p => 0.299 * p.Red + 0.587 * p.Green + 0.114 * p.Blue).ToList();
        Assert.True(lumas.Max() - lumas.Min() > 80);
    }

    [Fact]
    public void Defects_change_the_pixels_on_the_part()
    {
        // the same scene with and without a defect differs visibly at 128 px, for every defect kind
        var scene = DemoImageSet.Generate(400, seed: 21).First(i => i.Label.Defect == "none");
        foreach (var defect in DemoCatalog.Defects.Where(d => d != "none"))
        {
            var withDefect = scene.WithLabel(scene.Label with { Defect = defect });
            using var clean = scene.Render(128);
            using var damaged = withDefect.Render(128);
            var changed = CountChangedPixels(clean, damaged, threshold: 40);
            Assert.True(changed > 30, $"{defect}: only {changed} pixels changed clearly at 128 px");
        }
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => DemoImageSet.Generate(-1, 1)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => DemoImageSet.Generate(1, 1, size: 8)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => DemoImageSet.Get(0, 1).Render(5000)).ParamName);
        Assert.Contains("16", Assert.Throws<ArgumentOutOfRangeException>(() => DemoImageSet.Generate(1, 1, size: 8)).Message);
    }

    [Fact]
    public void Writer_writes_pngs_and_a_labels_line_per_image()
    {
        using var folder = new TemporaryFolder();

        var summary = DemoDataWriter.Write(folder.Path, count: 20, seed: 1, size: 64);

        var lines = File.ReadAllLines(Path.Combine(folder.Path, "labels.jsonl"));
        Assert.Equal(20, lines.Length);
        Assert.Equal(20, summary.Count);
        Assert.Equal(20, summary.ImagesByDataset.Values.Sum());
        var expected = DemoImageSet.Generate(20, 1, 64).ToList();
        for (var i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            Assert.Equal(["path", "dataset", "part", "colour", "defect", "captions"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(expected[i].RelativePath, root.GetProperty("path").GetString());
            Assert.Equal(expected[i].Dataset, root.GetProperty("dataset").GetString());
            Assert.Equal(expected[i].Label.Part, root.GetProperty("part").GetString());
            Assert.Equal(expected[i].Label.Colour, root.GetProperty("colour").GetString());
            Assert.Equal(expected[i].Label.Defect, root.GetProperty("defect").GetString());
            Assert.Equal(expected[i].Captions, root.GetProperty("captions").EnumerateArray().Select(c => c.GetString()));
            var file = Path.Combine(folder.Path, root.GetProperty("path").GetString()!);
            using var bitmap = SKBitmap.Decode(file);
            Assert.Equal(64, bitmap.Width);
        }
        Assert.False(File.Exists(Path.Combine(folder.Path, "labels.jsonl.tmp")));
    }

    [Fact]
    public void Writer_output_is_identical_for_the_same_seed()
    {
        using var a = new TemporaryFolder();
        using var b = new TemporaryFolder();

        DemoDataWriter.Write(a.Path, 10, seed: 77, size: 48);
        DemoDataWriter.Write(b.Path, 10, seed: 77, size: 48);

        var files = Directory.GetFiles(a.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a.Path, f)).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(b.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b.Path, f)).Order());
        Assert.All(files, f => Assert.Equal(Hash(File.ReadAllBytes(Path.Combine(a.Path, f))), Hash(File.ReadAllBytes(Path.Combine(b.Path, f)))));
    }

    [Fact]
    public void Writer_rejects_a_count_below_one()
    {
        using var folder = new TemporaryFolder();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DemoDataWriter.Write(folder.Path, 0, 1));

        Assert.Equal("count", e.ParamName);
    }

    private static int CountChangedPixels(SKBitmap a, SKBitmap b, int threshold)
    {
        var changed = 0;
        for (var y = 0; y < a.Height; y++)
            for (var x = 0; x < a.Width; x++)
            {
                var p = a.GetPixel(x, y);
                var q = b.GetPixel(x, y);
                if (Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue) > threshold)
                    changed++;
            }
        return changed;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
