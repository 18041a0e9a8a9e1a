using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>A rectangular mounting plate: rounded corners, four corner holes, sometimes a central bore or slot.</summary>
internal sealed class PlateDrawing : PartDrawing
{
    private readonly float _halfWidth, _halfHeight;
    private readonly List<(SKPoint Centre, float R)> _holes = [];
    private readonly SKRoundRect? _slot;
    private readonly SKPath _body, _outline;

    public PlateDrawing(SeededRandom rng)
    {
        _halfWidth = rng.Range(68, 84);
        _halfHeight = _halfWidth * rng.Range(0.5f, 0.78f);
        var corner = rng.Range(4, 12);
        var holeRadius = rng.Range(5.5f, 8.5f);
        var inset = holeRadius + rng.Range(7, 11);
        foreach (var (sx, sy) in new[] { (-1, -1), (1, -1), (1, 1), (-1, 1) })
            _holes.Add((new SKPoint(sx * (_halfWidth - inset), sy * (_halfHeight - inset)), holeRadius));
        var centre = rng.Next(3);
        if (centre == 1)
            _holes.Add((SKPoint.Empty, _halfHeight * rng.Range(0.3f, 0.45f)));
        else if (centre == 2)
        {
            var w = _halfWidth * rng.Range(0.45f, 0.7f);
            var h = rng.Range(6, 10);
            _slot = new SKRoundRect(new SKRect(-w, -h, w, h), h, h);
        }
        var bodyRect = new SKRect(-_halfWidth, -_halfHeight, _halfWidth, _halfHeight);
        _body = Build(b => b.AddRoundRect(bodyRect, corner, corner), SKPathFillType.Winding);
        _outline = Build(b =>
        {
            b.AddRoundRect(bodyRect, corner, corner);
            foreach (var (c, r) in _holes)
                b.AddCircle(c.X, c.Y, r);
            if (_slot is not null)
                b.AddRoundRect(_slot);
        });
    }

    public override SKPath Outline => _outline;

    public override float Radius => _halfWidth;

    public override void Paint(SKCanvas canvas, SurfaceFinish finish, SKPoint light)
    {
        FillShaded(canvas, _outline, finish, light, _halfWidth);
        if (finish.Metal)
        {
            // brushed along the long side; the grain catches light unevenly
            canvas.Save();
            canvas.ClipPath(_outline, antialias: true);
            using var bright = Shading.Stroke(new SKColor(255, 255, 255, 26), 0.8f, SKStrokeCap.Butt);
            using var dark = Shading.Stroke(new SKColor(0, 0, 0, 22), 0.8f, SKStrokeCap.Butt);
            var i = 0;
            for (var y = -_halfHeight; y < _halfHeight; y += 2.3f, i++)
                canvas.DrawLine(-_halfWidth, y, _halfWidth, y, i % 3 == 0 ? dark : bright);
            canvas.Restore();
        }
        foreach (var (c, r) in _holes)
        {
            // countersunk: a conical ring around each hole
            using var sink = Shading.Stroke(new SKColor(0, 0, 0, 50), 3f);
            canvas.DrawCircle(c, r + 3.5f, sink);
            HoleBevel(canvas, c, r, finish, light, 2.6f);
        }
        if (_slot is not null)
        {
            var slotEdge = Build(b => b.AddRoundRect(_slot));
            Bevel(canvas, slotEdge, _outline, finish, new SKPoint(-light.X, -light.Y), _halfWidth * 0.5f, 2.4f);
        }
        Bevel(canvas, _body, _outline, finish, light, _halfWidth, 2.6f);
        Specular(canvas, _outline, finish, light, _halfWidth, 0.6f);
        Edge(canvas, _outline, finish);
    }
}
