using System.Runtime.InteropServices;

namespace Sly.Benchmarks.Search;

/// <summary>
/// Synthetic CLIP-like embeddings shared by the C# benchmarks and the Python peers (benchmarks/peers), written once
/// to <c>artifacts/bench-data/</c> as raw little-endian float32 rows (numpy: <c>np.fromfile(path, np.float32)</c>).
/// </summary>
/// <remarks>
/// 100 Gaussian blobs on the 512-d unit sphere inside a common cone, as CLIP image embeddings sit: blob centres are
/// <c>normalise(g + r_b)</c> for a shared direction g (centre-to-centre cosine ≈ 0.5); a point is
/// <c>normalise(centre + 0.6·z/√d)</c> (cosine to its centre ≈ 0.86, to a blob-mate ≈ 0.73); 2 % of rows are
/// noise, <c>normalise(g + r)</c>. Row i depends only on (seed, i), so the first n rows of the 1M file are the
/// n-row set: the 100k and 20k benchmarks read prefixes. Queries are fresh points of random blobs.
/// </remarks>
public static class SearchBenchmarkData
{
    public const int Dimension = 512;
    public const int MaxRows = 1_000_000;
    public const int QueryCount = 8;
    public const int Blobs = 100;
    public const ulong Seed = 42;
    private const double Spread = 0.6;
    private const double NoiseShare = 0.02;

    public static string Folder => Path.Combine(BenchmarkFiles.RepoRoot, "artifacts", "bench-data");

    public static string RowsPath => Path.Combine(Folder, $"clustered-{MaxRows}x{Dimension}-seed{Seed}.f32");

    public static string QueriesPath => Path.Combine(Folder, $"queries-{QueryCount}x{Dimension}-seed{Seed}.f32");

    /// <summary>The first <paramref name="rows"/> rows (row-major), generating the files first if they are absent.</summary>
    public static float[] LoadRows(int rows)
    {
        EnsureWritten();
        var data = GC.AllocateUninitializedArray<float>(rows * Dimension);
        using var file = File.OpenRead(RowsPath);
        file.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        return data;
    }

    public static float[] LoadQueries()
    {
        EnsureWritten();
        return MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(QueriesPath)).ToArray();
    }

    /// <summary>Dataset id of a row (four datasets, round robin), for filtered searches.</summary>
    public static long DatasetOf(int row) => row % 4;

    public static void EnsureWritten()
    {
        if (File.Exists(RowsPath) && File.Exists(QueriesPath))
            return;
        Directory.CreateDirectory(Folder);
        var centres = Centres(out var shared);
        var rows = new float[MaxRows * Dimension];
        Parallel.For(0, MaxRows / 1000, block =>
        {
            for (var i = block * 1000; i < (block + 1) * 1000; i++)
                Point(i, salt: 1, centres, shared, rows.AsSpan(i * Dimension, Dimension), allowNoise: true);
        });
        Write(RowsPath, rows);
        var queries = new float[QueryCount * Dimension];
        for (var q = 0; q < QueryCount; q++)
            Point(q, salt: 2, centres, shared, queries.AsSpan(q * Dimension, Dimension), allowNoise: false);
        Write(QueriesPath, queries);
    }

    private static void Write(string path, float[] values)
    {
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
            file.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        File.Move(temporary, path, overwrite: true);
    }

    private static float[] Centres(out double[] shared)
    {
        var stream = new SplitMix(Seed, 0, 0);
        shared = Unit(stream.Gaussians(Dimension));
        var centres = new float[Blobs * Dimension];
        for (var b = 0; b < Blobs; b++)
        {
            var r = Unit(stream.Gaussians(Dimension));
            for (var f = 0; f < Dimension; f++)
                r[f] += shared[f];
            var c = Unit(r);
            for (var f = 0; f < Dimension; f++)
                centres[b * Dimension + f] = (float)c[f];
        }
        return centres;
    }

    private static void Point(int index, ulong salt, float[] centres, double[] shared, Span<float> destination, bool allowNoise)
    {
        var stream = new SplitMix(Seed, (ulong)index, salt);
        var noise = allowNoise && stream.NextDouble() < NoiseShare;
        var blob = (int)(stream.Next() % Blobs);
        var z = stream.Gaussians(Dimension);
        var scale = (noise ? 1.0 : Spread) / Math.Sqrt(Dimension);
        for (var f = 0; f < Dimension; f++)
            z[f] = z[f] * scale + (noise ? shared[f] : centres[blob * Dimension + f]);
        var unit = Unit(z);
        for (var f = 0; f < Dimension; f++)
            destination[f] = (float)unit[f];
    }

    private static double[] Unit(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        for (var i = 0; i < v.Length; i++)
            v[i] /= norm;
        return v;
    }

    /// <summary>SplitMix64 stream for one (seed, index, salt): rows are independent of each other and of thread order.</summary>
    private struct SplitMix(ulong seed, ulong index, ulong salt)
    {
        private ulong _state = seed * 0x9E3779B97F4A7C15UL ^ (index + 1) * 0xBF58476D1CE4E5B9UL ^ (salt + 1) * 0x94D049BB133111EBUL;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        public double[] Gaussians(int count)
        {
            var values = new double[count];
            for (var i = 0; i < count; i += 2)
            {
                var radius = Math.Sqrt(-2 * Math.Log(1 - NextDouble()));
                var (sin, cos) = Math.SinCos(2 * Math.PI * NextDouble());
                values[i] = radius * cos;
                if (i + 1 < count)
                    values[i + 1] = radius * sin;
            }
            return values;
        }
    }
}
