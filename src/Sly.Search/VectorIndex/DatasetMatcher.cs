using System.Runtime.CompilerServices;

namespace Sly.Search.VectorIndex;

/// <summary>
/// The dataset part of a <see cref="VectorFilter"/>, checked once per scanned row: a linear scan of a short array
/// for a handful of datasets (the usual case), a hash set beyond that, nothing at all when unrestricted.
/// </summary>
internal readonly struct DatasetMatcher
{
    private const int LinearLimit = 8;
    private readonly long[]? _few;
    private readonly IReadOnlySet<long>? _many;

    public DatasetMatcher(IReadOnlySet<long>? datasets)
    {
        if (datasets is null)
            return;
        if (datasets.Count <= LinearLimit)
            _few = [.. datasets];
        else
            _many = datasets;
    }

    public bool MatchesAll => _few is null && _many is null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches(long datasetId)
    {
        if (_few is not null)
        {
            foreach (var d in _few)
            {
                if (d == datasetId)
                    return true;
            }
            return false;
        }
        return _many is null || _many.Contains(datasetId);
    }
}
