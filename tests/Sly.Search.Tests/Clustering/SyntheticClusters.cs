namespace Sly.Search.Tests.Clustering;

/// <summary>
/// Gaussian blobs on the unit sphere (and optional uniform noise), interleaved so that row i belongs to blob
/// i mod blobs: the cluster structure is known and does not follow the row order.
/// </summary>
internal sealed record SyntheticClusters(float[] Vectors, int[] Truth, int Dimension, float[] Centres)
{
    public int Count => Truth.Length;

    /// <param name="spread">Standard deviation of the offset per component, times √dimension: the offset's length
    /// is about <paramref name="spread"/>, so the cosine of a point to its centre is about 1/√(1+spread²).</param>
    public static SyntheticClusters Generate(int blobs, int perBlob, int dimension, double spread, int seed, int noise = 0)
    {
        var random = new Random(seed);
        var centres = new float[blobs * dimension];
        for (var b = 0; b < blobs; b++)
            Unit(Gaussian(random, dimension, 1.0)).CopyTo(centres, b * dimension);
        var count = blobs * perBlob + noise;
        var vectors = new float[count * dimension];
        var truth = new int[count];
        for (var i = 0; i < blobs * perBlob; i++)
        {
            var b = i % blobs;
            var offset = Gaussian(random, dimension, spread / Math.Sqrt(dimension));
            for (var f = 0; f < dimension; f++)
                offset[f] += centres[b * dimension + f];
            Unit(offset).CopyTo(vectors, i * dimension);
            truth[i] = b;
        }
        for (var i = blobs * perBlob; i < count; i++)
        {
            Unit(Gaussian(random, dimension, 1.0)).CopyTo(vectors, i * dimension);
            truth[i] = -1;
        }
        return new SyntheticClusters(vectors, truth, dimension, centres);
    }

    public static double[] Gaussian(Random random, int dimension, double sigma)
    {
        var v = new double[dimension];
        for (var f = 0; f < dimension; f++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            v[f] = sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return v;
    }

    private static float[] Unit(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => (float)(x / norm)).ToArray();
    }

    /// <summary>
    /// Whether <paramref name="labels"/> is the truth up to renaming: rows of one true cluster share one label and
    /// different true clusters have different labels (noise rows, truth −1, must be labelled <paramref name="noiseLabel"/>
    /// when it is given and are ignored otherwise).
    /// </summary>
    public bool IsRecoveredBy(int[] labels, int? noiseLabel = null)
    {
        var map = new Dictionary<int, int>();
        var used = new HashSet<int>();
        for (var i = 0; i < Count; i++)
        {
            if (Truth[i] < 0)
            {
                if (noiseLabel is { } noise && labels[i] != noise)
                    return false;
                continue;
            }
            if (map.TryGetValue(Truth[i], out var label))
            {
                if (label != labels[i])
                    return false;
            }
            else
            {
                if (!used.Add(labels[i]) || labels[i] == noiseLabel)
                    return false;
                map[Truth[i]] = labels[i];
            }
        }
        return true;
    }
}
