namespace Sly.Search;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Used instead of <see cref="Random"/>, whose algorithm is
/// unspecified and may change between runtimes, because demo images, clusterings and samples must be identical for a
/// seed on every runtime.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A stream for a signed seed (the same stream as its two's-complement bits).</summary>
    public SeededRandom(long seed)
        : this(unchecked((ulong)seed))
    {
    }

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method); 0 when the bound is 1 or less.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 1)
            return 0;
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), bound, out var low);
            if (low >= threshold)
                return (int)product;
        }
    }

    /// <summary>An independent stream for item <paramref name="index"/> of a set, so items can be made in any order.</summary>
    public static SeededRandom ForItem(long seed, long index, ulong salt = 0)
    {
        var x = unchecked((ulong)seed ^ 0x5DEECE66DUL);
        var a = SplitMix(ref x);
        var y = unchecked((ulong)index * 0x9E3779B97F4A7C15UL + salt * 0xD1B54A32D192ED03UL);
        var b = SplitMix(ref y);
        return new SeededRandom(a ^ b);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public float Range(float min, float max) => (float)(min + (max - min) * NextDouble());

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be positive");
        return (int)((NextUInt64() >> 33) * (ulong)maxExclusive >> 31);
    }

    /// <summary>Uniform integer in [min, maxInclusive].</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    public int PickWeighted(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (var w in weights)
            total += w;
        var r = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0)
                return i;
        }
        return weights.Length - 1;
    }

    /// <summary>Standard normal deviate (Box–Muller; deterministic, no cached spare).</summary>
    public double Gaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
