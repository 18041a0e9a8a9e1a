using Sly.Search.VectorIndex;

namespace Sly.Search.Tests.VectorIndex;

/// <summary>The obvious search, in double precision: normalise, dot every point, sort, take the first k.</summary>
internal static class NaiveSearch
{
    public static ScoredPoint[] TopK(IReadOnlyList<(long Id, long DatasetId, float[] Vector)> points, float[] query, int limit,
        VectorFilter? filter = null, float? minScore = null)
    {
        var q = Unit(query);
        return points
            .Where(p => filter is null || filter.Matches(p.Id, p.DatasetId))
            .Select(p => (p.Id, p.DatasetId, Score: Dot(Unit(p.Vector), q)))
            .Where(p => minScore is null || p.Score >= minScore.Value)
            .OrderByDescending(p => p.Score).ThenBy(p => p.Id)
            .Take(limit)
            .Select(p => new ScoredPoint(p.Id, p.DatasetId, (float)p.Score))
            .ToArray();
    }

    public static double[] Unit(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    public static float[] RandomVector(Random random, int dimension)
    {
        var v = new float[dimension];
        for (var i = 0; i < dimension; i++)
            v[i] = (float)(random.NextDouble() * 2 - 1);
        return v;
    }
}
