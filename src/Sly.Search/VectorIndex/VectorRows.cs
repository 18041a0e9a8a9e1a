namespace Sly.Search.VectorIndex;

/// <summary>
/// A copy of some rows of an index — what clustering, diverse sampling and projections work on. Rows are in
/// ascending id order, each the stored unit vector.
/// </summary>
public sealed class VectorRows
{
    /// <summary>Wraps arrays the caller hands over (not copied).</summary>
    /// <exception cref="ArgumentException">The lengths do not agree: <paramref name="vectors"/> must hold
    /// <c>ids.Length × dimension</c> floats and <paramref name="datasetIds"/> one entry per id.</exception>
    public VectorRows(long[] ids, long[] datasetIds, float[] vectors, int dimension)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(datasetIds);
        ArgumentNullException.ThrowIfNull(vectors);
        if (dimension < 1)
            throw new ArgumentException($"The dimension must be at least 1; got {dimension}.", nameof(dimension));
        if (datasetIds.Length != ids.Length)
            throw new ArgumentException($"There must be one dataset id per id ({ids.Length}); got {datasetIds.Length}.", nameof(datasetIds));
        if (vectors.LongLength != (long)ids.Length * dimension)
            throw new ArgumentException($"The vectors must hold ids × dimension = {(long)ids.Length * dimension} floats; got {vectors.LongLength}.", nameof(vectors));
        Ids = ids;
        DatasetIds = datasetIds;
        Vectors = vectors;
        Dimension = dimension;
    }

    /// <summary>Number of rows.</summary>
    public int Count => Ids.Length;

    /// <summary>Components per vector.</summary>
    public int Dimension { get; }

    /// <summary>Point id of each row.</summary>
    public long[] Ids { get; }

    /// <summary>Dataset id of each row.</summary>
    public long[] DatasetIds { get; }

    /// <summary>The vectors, row-major: row i is <c>Vectors[i*Dimension .. (i+1)*Dimension)</c>.</summary>
    public float[] Vectors { get; }

    /// <summary>Row <paramref name="index"/>'s vector.</summary>
    public ReadOnlySpan<float> Row(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The row index must be in [0, {Count}).");
        return Vectors.AsSpan(index * Dimension, Dimension);
    }
}
