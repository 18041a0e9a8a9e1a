using Sly.Search.Projections;
using Sly.Search.Tests.Clustering;

namespace Sly.Search.Tests.Projections;

/// <summary>PCA on data whose principal directions are known, against a naive eigen-decomposition, and its sign rule.</summary>
public sealed class PcaProjectionTests
{
    [Fact]
    public void A_dominant_direction_becomes_the_first_component_and_x_is_the_position_along_it()
    {
        const int n = 2_000, d = 40;
        var random = new Random(1);
        var u = Unit(SyntheticClusters.Gaussian(random, d, 1));
        var positions = new double[n];
        var data = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            positions[i] = SyntheticClusters.Gaussian(random, 1, 3)[0];
            var noise = SyntheticClusters.Gaussian(random, d, 0.05);
            for (var f = 0; f < d; f++)
                data[i * d + f] = (float)(5 + positions[i] * u[f] + noise[f]); // offset: centring matters
        }

        var pca = PcaProjection.Fit(data, d);

        var sign = Math.Sign(u[Enumerable.Range(0, d).MaxBy(f => Math.Abs(u[f]))]);
        for (var f = 0; f < d; f++)
            Assert.Equal(sign * u[f], pca.FirstComponent[f], 0.01);
        var meanPosition = positions.Average();
        for (var i = 0; i < n; i += 97)
            Assert.Equal(sign * (positions[i] - meanPosition), pca.X[i], 0.25); // noise along u has σ = 0.05
        Assert.True(pca.ExplainedVarianceRatio[0] > 0.95);
        Assert.Equal(9, pca.ExplainedVariance[0], 1.0); // variance of the positions, σ = 3
        Assert.Equal(0, TensorDot(pca.FirstComponent, pca.SecondComponent), 1e-5);
    }

    [Fact]
    public void Components_and_coordinates_match_a_naive_eigen_decomposition_of_the_covariance()
    {
        const int d = 7, n = 500;
        var random = new Random(3);
        var scales = new[] { 4.0, 2.5, 1.5, 1.0, 0.6, 0.3, 0.1 };
        var data = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var f = 0; f < d; f++)
                data[i * d + f] = (float)(SyntheticClusters.Gaussian(random, 1, scales[f])[0] + f);
        }
        // a fixed rotation mixes the axes so the components are not the coordinate axes
        var rotated = Rotate(data, n, d, new Random(4));

        var pca = PcaProjection.Fit(rotated, d);

        var (values, vectors) = NaivePca(rotated, n, d);
        for (var c = 0; c < 2; c++)
        {
            var expected = Enumerable.Range(0, d).Select(f => vectors[f, c]).ToArray();
            var largest = Enumerable.Range(0, d).MaxBy(f => Math.Abs(expected[f]));
            if (expected[largest] < 0)
                expected = expected.Select(x => -x).ToArray();
            var actual = c == 0 ? pca.FirstComponent : pca.SecondComponent;
            for (var f = 0; f < d; f++)
                Assert.Equal(expected[f], actual[f], 1e-4);
            Assert.Equal(values[c], pca.ExplainedVariance[c], values[c] * 1e-4);
            Assert.True(actual[largest] > 0);
        }
        Assert.Equal(values.Sum(), pca.TotalVariance, values.Sum() * 1e-5);
        for (var i = 0; i < n; i += 13)
        {
            var (x, y) = pca.Project(rotated.AsSpan(i * d, d));
            Assert.Equal(x, pca.X[i], 1e-4);
            Assert.Equal(y, pca.Y[i], 1e-4);
        }
    }

    [Fact]
    public void The_result_is_identical_on_one_core_and_on_all_for_512_dimensional_clusters()
    {
        var data = SyntheticClusters.Generate(10, 300, 512, spread: 0.8, seed: 6);

        var all = PcaProjection.Fit(data.Vectors, 512);
        var one = PcaProjection.Fit(data.Vectors, 512, maxDegreeOfParallelism: 1);

        Assert.Equal(all.X, one.X);
        Assert.Equal(all.Y, one.Y);
        Assert.Equal(all.FirstComponent, one.FirstComponent);
        Assert.True(all.ExplainedVariance[0] >= all.ExplainedVariance[1]);
    }

    [Fact]
    public void Degenerate_inputs_give_zero_coordinates_instead_of_failing()
    {
        var single = PcaProjection.Fit(new float[] { 1, 2, 3 }, 3);
        var identical = PcaProjection.Fit(new float[] { 1, 2, 1, 2, 1, 2 }, 2);
        var line = PcaProjection.Fit(new float[] { 0, 0, 1, 1, 2, 2, 3, 3 }, 2);
        var oneDimensional = PcaProjection.Fit(new float[] { 1, 2, 4 }, 1);

        Assert.Equal([0f], single.X);
        Assert.Equal([0f, 0f, 0f], identical.X);
        Assert.All(identical.FirstComponent, c => Assert.Equal(0f, c));
        Assert.Equal(MathF.Sqrt(0.5f), line.FirstComponent[0], 1e-6f);
        Assert.All(line.Y, y => Assert.Equal(0f, y, 1e-6f));
        Assert.All(line.SecondComponent, c => Assert.Equal(0f, c));
        Assert.Equal([1f], oneDimensional.FirstComponent);
        Assert.Equal([-4f / 3, -1f / 3, 5f / 3], oneDimensional.X.Select(x => MathF.Round(x * 3) / 3));
        Assert.All(oneDimensional.Y, y => Assert.Equal(0f, y));
    }

    [Fact]
    public void Bad_input_names_the_parameter_and_what_is_allowed()
    {
        AssertBad("vectors", () => PcaProjection.Fit(Array.Empty<float>(), 3), "at least one");
        AssertBad("vectors", () => PcaProjection.Fit(new float[] { 1, 2 }, 3), "whole rows");
        AssertBad("dimension", () => PcaProjection.Fit(new float[] { 1 }, 0));
        AssertBad("maxDegreeOfParallelism", () => PcaProjection.Fit(new float[] { 1 }, 1, 0));
        AssertBad("vector", () => PcaProjection.Fit(new float[] { 1, 2 }, 2).Project([1f]), "2 components");
    }

    private static float[] Rotate(float[] data, int n, int d, Random random)
    {
        var q = new double[d][];
        for (var j = 0; j < d; j++)
        {
            q[j] = SyntheticClusters.Gaussian(random, d, 1);
            for (var i = 0; i < j; i++)
            {
                var dot = q[i].Zip(q[j], (a, b) => a * b).Sum();
                for (var f = 0; f < d; f++)
                    q[j][f] -= dot * q[i][f];
            }
            q[j] = Unit(q[j]);
        }
        var rotated = new float[n * d];
        for (var r = 0; r < n; r++)
        {
            for (var j = 0; j < d; j++)
            {
                double sum = 0;
                for (var f = 0; f < d; f++)
                    sum += data[r * d + f] * q[f][j];
                rotated[r * d + j] = (float)sum;
            }
        }
        return rotated;
    }

    private static (double[] Values, double[,] Vectors) NaivePca(float[] data, int n, int d)
    {
        var mean = Enumerable.Range(0, d).Select(f => Enumerable.Range(0, n).Average(i => (double)data[i * d + f])).ToArray();
        var c = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
                c[i, j] = Enumerable.Range(0, n).Sum(r => (data[r * d + i] - mean[i]) * (data[r * d + j] - mean[j])) / (n - 1);
        }
        return SymmetricEigen.Decompose(c);
    }

    private static double[] Unit(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static double TensorDot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    private static void AssertBad(string parameter, Action action, string? mention = null)
    {
        var error = Assert.Throws<ArgumentException>(action);
        Assert.Equal(parameter, error.ParamName);
        if (mention is not null)
            Assert.Contains(mention, error.Message);
    }
}
