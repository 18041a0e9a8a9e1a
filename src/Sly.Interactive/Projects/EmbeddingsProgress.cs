namespace Sly.Interactive.Projects;

/// <summary>How far a project's embeddings are: counts, rate and estimated time left (when the server reports counts).</summary>
public sealed record EmbeddingsProgress(long ProjectId, bool InProgress, long Done, long Total, long Failed, double? ImagesPerSecond, TimeSpan? Remaining)
{
    /// <summary>Whether the server reported counts (the embedded server does; a Supervisely instance only has the flags).</summary>
    public bool HasCounts => Total > 0;

    /// <summary>Share of the images handled, 0 to 1.</summary>
    public double Fraction => Total == 0 ? (InProgress ? 0 : 1) : Math.Clamp((double)(Done + Failed) / Total, 0, 1);

    /// <summary>e.g. "120/168 images (71%), 35 img/s, ~00:01 left".</summary>
    public override string ToString() => HasCounts
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Done + Failed}/{Total} images ({Fraction * 100:0}%){(Failed > 0 ? $", {Failed} failed" : "")}") +
          (ImagesPerSecond is { } rate ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {rate:0.#} img/s") : "") +
          (Remaining is { } left && InProgress ? $", ~{left:mm\\:ss} left" : "")
        : InProgress ? "embedding…" : "done";
}
