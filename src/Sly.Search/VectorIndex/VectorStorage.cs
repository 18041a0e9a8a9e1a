namespace Sly.Search.VectorIndex;

/// <summary>How <see cref="ExactVectorIndex"/> keeps its vectors and scans them.</summary>
public enum VectorStorage
{
    /// <summary>Float32 rows, scanned in float32: 4 bytes per component.</summary>
    Float32,

    /// <summary>
    /// Float32 rows plus a half-precision copy that is what a search scans (half the bytes read, the scan being
    /// memory-bound). The best candidates of the half scan are rescored in float32, and the candidate list is long
    /// enough that the result is provably the float32 result: if the gap between the k-th candidate and the last
    /// kept one is smaller than twice the worst-case half rounding error, the query is redone in float32. Costs
    /// 1.5× the memory of <see cref="Float32"/>.
    /// </summary>
    Float16WithRescore,
}
