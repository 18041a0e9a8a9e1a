using Sly.Search.VectorIndex;

namespace Sly.Server.Search;

/// <summary>Which vector index a project gets: the exact in-process index (a Qdrant-backed one would plug in here).</summary>
public static class VectorIndexFactory
{
    public static IVectorIndex Create(int dimension) => new ExactVectorIndex(dimension);
}
