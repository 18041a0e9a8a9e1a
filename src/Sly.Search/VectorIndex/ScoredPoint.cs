namespace Sly.Search.VectorIndex;

/// <summary>One search hit: the point, the dataset it belongs to, and its cosine similarity to the query in [-1, 1].</summary>
/// <param name="Id">The point id (an image id in a project's index).</param>
/// <param name="DatasetId">The dataset the point belongs to.</param>
/// <param name="Score">Cosine similarity between the query and the point (the dot product of unit vectors).</param>
public readonly record struct ScoredPoint(long Id, long DatasetId, float Score);
