using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>A hex bolt seen from the side: faceted head, round shank, helical thread with a serrated profile.</summary>
internal sealed class BoltDrawing : PartDrawing
{
    private readonly float _left, _headEnd, _right, _threadStart, _headHalf, _shankHalf, _pitch;
    private readonly SKPath _outline, _head, _shank;

    public BoltDrawing(SeededRandom rng)
    {
        var length = rng.Range(150, 178);
        _left = -length / 2;
        _right = length / 2;
        _shankHalf = rng.Range(14, 20);
        _headHalf = _shankHalf * rng.Range(1.7f, 1.95f);
        _headEnd = _left + _headHalf * rng.Range(0.8f, 1.0f);
        var shankLength = _right - _headEnd;
        _threadStart = _headEnd + shankLength * (rng.Chance(0.4) ? 0.05f : rng.Range(0.25f, 0.55f));
        _pitch = rng.Range(5.5f, 7.5f);

        var tip = _right - _shankHalf * 0.35f;
        var depth = _shankHalf * 0.14f;
        var top = new List<SKPoint> { new(_headEnd, -_shankHalf), new(_threadStart, -_shankHalf) };
        var bottom = new List<SKPoint> { new(_headEnd, _shankHalf), new(_threadStart, _shankHalf) };
        for (var x = _threadStart; x < tip - _pitch / 2; x += _pitch)
        {
            top.Add(new SKPoint(x + _pitch / 2, -_shankHalf + depth));
            top.Add(new SKPoint(x + _pitch, -_shankHalf));
            bottom.Add(new SKPoint(x + _pitch, _shankHalf - depth));
            bottom.Add(new SKPoint(x + _pitch * 1.5f, _shankHalf));
        }
        var chamfer = _headHalf * 0.12f;
        var headPoints = new SKPoint[]
        {
            new(_left, -_headHalf + chamfer), new(_left + chamfer, -_headHalf), new(_headEnd - chamfer, -_headHalf),
            new(_headEnd, -_headHalf + chamfer), new(_headEnd, _headHalf - chamfer), new(_headEnd - chamfer, _headHalf),
            new(_left + chamfer, _headHalf), new(_left, _headHalf - chamfer),
        };
        var shank = new List<SKPoint>();
        shank.AddRange(top.Where(p => p.X <= tip));
        shank.Add(new SKPoint(tip, -_shankHalf + depth));
        shank.Add(new SKPoint(_right, -_shankHalf * 0.62f));
        shank.Add(new SKPoint(_right, _shankHalf * 0.62f));
        shank.Add(new SKPoint(tip, _shankHalf - depth));
        shank.AddRange(bottom.Where(p => p.X <= tip).Reverse());
        var shankArray = shank.ToArray();
        _head = Build(b => b.AddPoly(headPoints));
        _shank = Build(b => b.AddPoly(shankArray));
        _outline = Build(b =>
        {
            b.AddPoly(headPoints);
            b.AddRect(new SKRect(_headEnd - 1, -_shankHalf, _headEnd + 1, _shankHalf));
            b.AddPoly(shankArray);
        }, SKPathFillType.Winding);
    }

    public override SKPath Outline => _outline;

    public override float Radius => (_right - _left) / 2;

    public override float DentSize => _shankHalf * 0.95f;

    /// <summary>Along the shank: a crack across a thin bolt would be too short to see.</summary>
    public override float? CrackHeading => 0;

    public override void Paint(SKCanvas canvas, SurfaceFinish finish, SKPoint light)
    {
        // the shank is a cylinder: shade across it, brightest where its normal faces the light
        var highlight = Math.Clamp(0.5f + 0.32f * light.Y, 0.12f, 0.88f);
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(0, -_shankHalf), new SKPoint(0, _shankHalf),
            finish.Metal
                ? [finish.Shade(0.42f), finish.Tint(SKColors.White, 0.5f), finish.Shade(0.95f), finish.Shade(0.55f), finish.Shade(0.3f)]
                : [finish.Shade(0.5f), finish.Tint(SKColors.White, 0.25f), finish.Shade(0.9f), finish.Shade(0.6f), finish.Shade(0.4f)],
            [0f, highlight, highlight + (1 - highlight) * 0.3f, highlight + (1 - highlight) * 0.75f, 1f], SKShaderTileMode.Clamp))
        using (var paint = Shading.Fill(shader))
            canvas.DrawPath(_shank, paint);

        // thread: each turn is a dark root and a bright crest slanting across the shank
        canvas.Save();
        canvas.ClipPath(_shank, antialias: true);
        using (var root = Shading.Stroke(finish.Shade(0.3f), 1.6f, SKStrokeCap.Butt))
        using (var crest = Shading.Stroke(Shading.WithAlpha(finish.Tint(SKColors.White, 0.55f), 0.8f), 1.3f, SKStrokeCap.Butt))
        {
            for (var x = _threadStart; x < _right; x += _pitch)
            {
                canvas.DrawLine(x, -_shankHalf, x + _pitch / 2, _shankHalf, root);
                canvas.DrawLine(x + _pitch / 2, -_shankHalf, x + _pitch, _shankHalf, crest);
            }
        }
        canvas.Restore();
        Edge(canvas, _shank, finish);

        // the head shows three faces of the hexagon, each lit according to its normal
        var faces = new[] { -_headHalf, -_headHalf / 2, _headHalf / 2, _headHalf };
        var normals = new[] { -0.87f, 0f, 0.87f };
        canvas.Save();
        canvas.ClipPath(_head, antialias: true);
        for (var i = 0; i < 3; i++)
        {
            var lambert = 0.72f + 0.38f * (normals[i] * light.Y + (1 - MathF.Abs(normals[i])) * 0.35f);
            var colour = finish.Metal && lambert > 0.95f ? finish.Tint(SKColors.White, (lambert - 0.95f) * 2.5f) : finish.Shade(lambert);
            using var shader = SKShader.CreateLinearGradient(new SKPoint(_left, 0), new SKPoint(_headEnd, 0),
                [Shading.Scale(colour, 0.85f), colour, Shading.Scale(colour, 0.8f)], [0f, 0.5f, 1f], SKShaderTileMode.Clamp);
            using var paint = Shading.Fill(shader);
            canvas.DrawRect(new SKRect(_left, faces[i], _headEnd, faces[i + 1]), paint);
        }
        using (var facet = Shading.Stroke(finish.Shade(0.35f), 1.2f))
        {
            canvas.DrawLine(_left, -_headHalf / 2, _headEnd, -_headHalf / 2, facet);
            canvas.DrawLine(_left, _headHalf / 2, _headEnd, _headHalf / 2, facet);
        }
        canvas.Restore();
        Bevel(canvas, _head, _head, finish, light, Radius, 1.6f);
        Edge(canvas, _head, finish);
    }
}
