namespace Sly.Search.Projections;

/// <summary>Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations (for Rayleigh–Ritz).</summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Eigenvalues of symmetric <paramref name="a"/> (p × p, overwritten), descending, and the matching unit
    /// eigenvectors as the columns of the returned matrix.
    /// </summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] a)
    {
        var p = a.GetLength(0);
        var v = new double[p, p];
        for (var i = 0; i < p; i++)
            v[i, i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, diagonal = 0;
            for (var i = 0; i < p; i++)
            {
                diagonal += a[i, i] * a[i, i];
                for (var j = i + 1; j < p; j++)
                    off += a[i, j] * a[i, j];
            }
            if (off <= 1e-30 * Math.Max(diagonal, double.Epsilon))
                break;
            for (var i = 0; i < p - 1; i++)
            {
                for (var j = i + 1; j < p; j++)
                {
                    if (a[i, j] == 0)
                        continue;
                    var theta = (a[j, j] - a[i, i]) / (2 * a[i, j]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < p; k++)
                    {
                        var aki = a[k, i];
                        var akj = a[k, j];
                        a[k, i] = c * aki - s * akj;
                        a[k, j] = s * aki + c * akj;
                    }
                    for (var k = 0; k < p; k++)
                    {
                        var aik = a[i, k];
                        var ajk = a[j, k];
                        a[i, k] = c * aik - s * ajk;
                        a[j, k] = s * aik + c * ajk;
                    }
                    for (var k = 0; k < p; k++)
                    {
                        var vki = v[k, i];
                        var vkj = v[k, j];
                        v[k, i] = c * vki - s * vkj;
                        v[k, j] = s * vki + c * vkj;
                    }
                }
            }
        }
        var order = Enumerable.Range(0, p).OrderByDescending(i => a[i, i]).ThenBy(i => i).ToArray();
        var values = new double[p];
        var vectors = new double[p, p];
        for (var c = 0; c < p; c++)
        {
            values[c] = a[order[c], order[c]];
            for (var k = 0; k < p; k++)
                vectors[k, c] = v[k, order[c]];
        }
        return (values, vectors);
    }
}
