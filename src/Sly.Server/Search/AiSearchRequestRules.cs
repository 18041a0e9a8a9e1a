using Sly.Api;
using Sly.Server.Domain;

namespace Sly.Server.Search;

/// <summary>
/// The checks of embeddings.send-ai-search, worded as the Python SDK words them (it runs the same checks client-side)
/// plus the value checks the SDK leaves to the server.
/// </summary>
public static class AiSearchRequestRules
{
    public const int MaxLimit = 10000;

    public static void Check(EmbeddingsSendAiSearchRequest request)
    {
        var modes = (request.Prompt is not null ? 1 : 0) + (request.Method is not null ? 1 : 0) + (request.ImageIds is not null ? 1 : 0);
        if (modes != 1)
            throw new InvalidRequestException("Must provide exactly one of 'prompt', 'method', or 'image_id' parameters. They are mutually exclusive.");
        if (request.Method is { } method && method != DiverseSamplingMethod.Centroids && method != DiverseSamplingMethod.Random)
            throw new InvalidRequestException("Method must be either 'centroids' or 'random'.");
        if (request.ClusteringMethod is { } clustering && clustering != ClusteringMethod.Kmeans && clustering != ClusteringMethod.Dbscan)
            throw new InvalidRequestException("Clustering method must be either 'kmeans' or 'dbscan'.");
        if (request.NumberOfClusters is not null && request.ClusteringMethod != ClusteringMethod.Kmeans)
            throw new InvalidRequestException("Number of clusters is only applicable for 'kmeans' clustering method.");
        if (request.NumberOfClusters is < 1 or > MaxLimit)
            throw new InvalidRequestException($"'numberOfClusters' must be between 1 and {MaxLimit}, got {request.NumberOfClusters}");
        if (request.Limit is < 1 or > MaxLimit)
            throw new InvalidRequestException($"'limit' must be between 1 and {MaxLimit}, got {request.Limit}");
        if (request.UniqueItems is < 1 or > MaxLimit)
            throw new InvalidRequestException($"'uniqueItems' must be between 1 and {MaxLimit}, got {request.UniqueItems}");
        if (request.Threshold is { } threshold && (float.IsNaN(threshold) || threshold < -1 || threshold > 1))
            throw new InvalidRequestException($"'threshold' must be a cosine similarity between -1 and 1, got {threshold}");
        if (request.ImageIds is { Count: 0 })
            throw new InvalidRequestException("'imageIds' must list at least one image id");
        if (request.ImageIds is { Count: > 1000 })
            throw new InvalidRequestException($"'imageIds' may list at most 1000 images, got {request.ImageIds.Count}");
        if (request.Prompt is { } prompt && Prompts(prompt).Count == 0)
            throw new InvalidRequestException("'prompt' has no text; give one or more comma-separated descriptions, e.g. \"rusty bolt, cracked gear\"");
    }

    /// <summary>A prompt is split on commas, one query per part, as the reference does.</summary>
    public static List<string> Prompts(string prompt) =>
        prompt.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
}
