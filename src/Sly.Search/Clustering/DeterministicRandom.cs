namespace Sly.Search.Clustering;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a fixed algorithm, so a seed gives the same clustering and the same
/// sample on every runtime (<see cref="Random"/>'s algorithm is unspecified).
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(long seed)
    {
        var x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
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

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>) without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 1)
            return 0;
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            var product = Math.BigMul(r, bound, out var low);
            if (low >= threshold)
                return (int)product;
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        var z = x;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
