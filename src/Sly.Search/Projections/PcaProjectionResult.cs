using System.Numerics.Tensors;

namespace Sly.Search.Projections;

/// <summary>The outcome of <see cref="PcaProjection.Fit"/>: 2-D coordinates of every row and the projection itself.</summary>
public sealed class PcaProjectionResult
{
    internal PcaProjectionResult(float[] x, float[] y, float[] mean, float[] first, float[] second, double[] explainedVariance, double totalVariance)
    {
        X = x;
        Y = y;
        Mean = mean;
        FirstComponent = first;
        SecondComponent = second;
        ExplainedVariance = explainedVariance;
        TotalVariance = totalVariance;
    }

    /// <summary>Coordinate of each row along <see cref="FirstComponent"/>.</summary>
    public float[] X { get; }

    /// <summary>Coordinate of each row along <see cref="SecondComponent"/>.</summary>
    public float[] Y { get; }

    /// <summary>The mean row, subtracted before projecting.</summary>
    public float[] Mean { get; }

    /// <summary>
    /// Unit direction of largest variance; its largest-magnitude entry is positive (a fixed sign, so the plot does
    /// not flip between runs). All zeros when the data has no variance.
    /// </summary>
    public float[] FirstComponent { get; }

    /// <summary>Unit direction of largest variance orthogonal to the first, same sign rule; zeros when there is none.</summary>
    public float[] SecondComponent { get; }

    /// <summary>Variance along each component (covariance eigenvalues, divided by n − 1 as scikit-learn does).</summary>
    public double[] ExplainedVariance { get; }

    /// <summary>Total variance of the data (trace of the covariance).</summary>
    public double TotalVariance { get; }

    /// <summary>Share of the total variance each component explains.</summary>
    public double[] ExplainedVarianceRatio => [.. ExplainedVariance.Select(v => TotalVariance > 0 ? v / TotalVariance : 0)];

    /// <summary>Projects another vector of the same dimension onto the plane.</summary>
    /// <exception cref="ArgumentException">The vector's length is not the dimension.</exception>
    public (float X, float Y) Project(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Mean.Length)
            throw new ArgumentException($"The vector must have {Mean.Length} components; got {vector.Length}.", nameof(vector));
        Span<float> centred = vector.Length <= 1024 ? stackalloc float[vector.Length] : new float[vector.Length];
        TensorPrimitives.Subtract(vector, Mean, centred);
        return (TensorPrimitives.Dot(centred, FirstComponent), TensorPrimitives.Dot(centred, SecondComponent));
    }
}
