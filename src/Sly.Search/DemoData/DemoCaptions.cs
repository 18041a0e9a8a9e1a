namespace Sly.Search.DemoData;

/// <summary>Writes varied natural-language captions for a demo image from its label and background.</summary>
internal static class DemoCaptions
{
    private static readonly Dictionary<string, string[]> PartNames = new()
    {
        ["gear"] = ["gear", "spur gear", "cog", "toothed gear"],
        ["bolt"] = ["bolt", "hex bolt", "machine bolt", "threaded bolt"],
        ["nut"] = ["nut", "hex nut", "hexagon nut"],
        ["washer"] = ["washer", "flat washer", "ring washer"],
        ["bracket"] = ["bracket", "L-bracket", "angle bracket", "corner bracket"],
        ["plate"] = ["plate", "mounting plate", "metal plate", "base plate"],
        ["spring"] = ["spring", "coil spring", "compression spring", "helical spring"],
    };

    private static readonly Dictionary<string, string[]> ColourWords = new()
    {
        ["steel"] = ["steel", "stainless steel", "silver steel"],
        ["brass"] = ["brass", "golden brass"],
        ["copper"] = ["copper", "reddish copper"],
        ["black-oxide"] = ["black-oxide", "black oxide", "blackened"],
        ["red"] = ["red", "red painted", "red-painted"],
        ["blue"] = ["blue", "blue painted", "blue-painted"],
        ["yellow"] = ["yellow", "yellow painted", "yellow-painted"],
        ["green"] = ["green", "green painted", "green-painted"],
    };

    private static readonly Dictionary<string, string[]> DefectAdjectives = new()
    {
        ["none"] = ["intact", "clean", "flawless", "undamaged", "defect-free"],
        ["scratch"] = ["scratched", "scuffed"],
        ["dent"] = ["dented", "dinged"],
        ["rust"] = ["rusty", "rusted", "corroded"],
        ["crack"] = ["cracked", "fractured"],
    };

    private static readonly Dictionary<string, string[]> DefectNouns = new()
    {
        ["none"] = ["no defects", "no visible damage", "no flaws"],
        ["scratch"] = ["a scratch", "scratches", "a scratched surface", "scratch marks"],
        ["dent"] = ["a dent", "a dented surface", "a small dent"],
        ["rust"] = ["rust", "rust spots", "corrosion", "patches of rust"],
        ["crack"] = ["a crack", "a visible crack", "a hairline crack", "a fracture"],
    };

    private static readonly Dictionary<string, string[]> DefectShort = new()
    {
        ["none"] = ["no defect", "ok", "pass"],
        ["scratch"] = ["scratch", "scratched"],
        ["dent"] = ["dent", "dented"],
        ["rust"] = ["rust", "corrosion"],
        ["crack"] = ["crack", "cracked"],
    };

    private static readonly Dictionary<string, string[]> Places = new()
    {
        ["bench"] = ["on a workbench", "on a wooden bench", "on a work bench"],
        ["conveyor"] = ["on a conveyor", "on a conveyor belt", "on the production conveyor"],
        ["table"] = ["on an inspection table", "on a table", "on an inspection mat"],
    };

    private const int TemplateCount = 10;

    /// <summary>Five different captions, phrased differently, all true of the label.</summary>
    public static IReadOnlyList<string> For(DemoLabel label, string background, SeededRandom rng, int count = 5)
    {
        var order = Enumerable.Range(0, TemplateCount).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var captions = new List<string>(count);
        foreach (var template in order)
        {
            var caption = Write(template, label, background, rng);
            if (!captions.Contains(caption))
                captions.Add(caption);
            if (captions.Count == count)
                break;
        }
        return captions;
    }

    private static string Write(int template, DemoLabel label, string background, SeededRandom rng)
    {
        var part = rng.Pick(PartNames[label.Part]);
        var colour = rng.Pick(ColourWords[label.Colour]);
        var adjective = rng.Pick(DefectAdjectives[label.Defect]);
        var noun = rng.Pick(DefectNouns[label.Defect]);
        var place = rng.Pick(Places[background]);
        var metal = DemoCatalog.IsMetal(label.Colour);
        return template switch
        {
            0 => $"{Article(adjective)} {adjective} {colour} {part}",
            1 => $"close-up of {Article(adjective)} {adjective} {colour} {part}",
            2 => $"{Article(colour)} {colour} {part} with {noun}",
            3 => $"photo of {Article(adjective)} {adjective} {part} {place}",
            4 => label.Defect == "none"
                ? $"{Article(part)} {part} {place}, no defects found"
                : $"{Article(part)} {part} {place} showing {noun}",
            5 => $"inspection photo: {label.Colour.Replace('-', ' ')} {part}, {rng.Pick(DefectShort[label.Defect])}",
            6 => metal
                ? $"{Article(part)} {part} made of {MaterialNoun(label.Colour)} with {noun}"
                : $"{Article(part)} {part} painted {label.Colour} with {noun}",
            7 => $"{Article(adjective)} {adjective} {part}",
            8 => $"a picture of {Article(colour)} {colour} {part} {place}",
            _ => $"quality check: the {colour} {part} has {noun}",
        };
    }

    private static string MaterialNoun(string colour) => colour switch
    {
        "black-oxide" => "black-oxide steel",
        _ => colour,
    };

    private static string Article(string nextWord) =>
        nextWord.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(nextWord[0])) ? "an" : "a";
}
