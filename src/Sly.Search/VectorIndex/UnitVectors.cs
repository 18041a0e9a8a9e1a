using System.Numerics.Tensors;

namespace Sly.Search.VectorIndex;

/// <summary>Checks and L2-normalises vectors the way every part of the index does it.</summary>
internal static class UnitVectors
{
    /// <summary>
    /// Writes <paramref name="source"/> / ‖<paramref name="source"/>‖ to <paramref name="destination"/>.
    /// Throws naming <paramref name="parameterName"/> (and the row, when ≥ 0) if it is zero or not finite.
    /// </summary>
    public static void Normalize(ReadOnlySpan<float> source, Span<float> destination, string parameterName, int row = -1)
    {
        foreach (var x in source)
        {
            if (!float.IsFinite(x))
                throw new ArgumentException($"{Where(row)}has a NaN or infinite component; vectors must be finite.", parameterName);
        }
        var norm = TensorPrimitives.Norm(source);
        if (float.IsFinite(norm) && norm >= 1e-30f)
        {
            TensorPrimitives.Divide(source, norm, destination);
            return;
        }
        var largest = TensorPrimitives.MaxMagnitude(source);
        if (largest == 0f)
            throw new ArgumentException($"{Where(row)}is all zeros; a zero vector has no direction to compare by cosine.", parameterName);
        TensorPrimitives.Divide(source, MathF.Abs(largest), destination);
        TensorPrimitives.Divide(destination, TensorPrimitives.Norm(destination), destination);
    }

    private static string Where(int row) => row < 0 ? "The vector " : $"Vector {row} ";
}
