using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>An L-shaped corner bracket: two arms with mounting holes and a pressed stiffening rib across the corner.</summary>
internal sealed class BracketDrawing : PartDrawing
{
    private readonly float _radius;
    private readonly List<(SKPoint Centre, float R)> _holes = [];
    private readonly SKPath _body, _outline;
    private readonly SKPoint _ribFrom, _ribTo;

    public BracketDrawing(SeededRandom rng)
    {
        var longArm = rng.Range(140, 170);
        var shortArm = longArm * rng.Range(0.6f, 0.85f);
        var width = rng.Range(38, 52);
        var round = width * 0.3f;
        // corner at the origin before centring: arm A along +x, arm B along +y
        var ox = -longArm * 0.42f;
        var oy = -shortArm * 0.42f;
        _body = Build(b =>
        {
            b.MoveTo(ox + round, oy);
            b.ArcTo(ox + longArm, oy, ox + longArm, oy + width, round);
            b.ArcTo(ox + longArm, oy + width, ox + width, oy + width, round);
            b.LineTo(ox + width, oy + width);
            b.ArcTo(ox + width, oy + shortArm, ox, oy + shortArm, round);
            b.ArcTo(ox, oy + shortArm, ox, oy, round);
            b.ArcTo(ox, oy, ox + longArm, oy, round);
            b.Close();
        }, SKPathFillType.Winding);
        var holeRadius = width * rng.Range(0.13f, 0.19f);
        var holesA = rng.Between(2, 3);
        for (var i = 0; i < holesA; i++)
            _holes.Add((new SKPoint(ox + width + (longArm - width) * (i + 0.8f) / (holesA + 0.3f), oy + width / 2), holeRadius));
        var holesB = rng.Between(1, 2);
        for (var i = 0; i < holesB; i++)
            _holes.Add((new SKPoint(ox + width / 2, oy + width + (shortArm - width) * (i + 0.8f) / (holesB + 0.3f)), holeRadius));
        _outline = Build(b =>
        {
            b.AddPath(_body);
            foreach (var (c, r) in _holes)
                b.AddCircle(c.X, c.Y, r);
        });
        _ribFrom = new SKPoint(ox + width * 0.3f, oy + width * 0.95f);
        _ribTo = new SKPoint(ox + width * 0.95f, oy + width * 0.3f);
        _radius = MathF.Max(longArm, shortArm) * 0.6f;
    }

    public override SKPath Outline => _outline;

    public override float Radius => _radius;

    public override void Paint(SKCanvas canvas, SurfaceFinish finish, SKPoint light)
    {
        FillShaded(canvas, _outline, finish, light, _radius);
        // pressed rib: a raised ridge, lit on the side towards the light
        var normal = new SKPoint(_ribTo.Y - _ribFrom.Y, -(_ribTo.X - _ribFrom.X));
        var length = MathF.Sqrt(normal.X * normal.X + normal.Y * normal.Y);
        normal = new SKPoint(normal.X / length, normal.Y / length);
        var facing = normal.X * light.X + normal.Y * light.Y;
        using (var lit = Shading.Stroke(Shading.WithAlpha(finish.Tint(SKColors.White, 0.6f), 0.8f), 3f))
        using (var shade = Shading.Stroke(new SKColor(0, 0, 0, 120), 3f))
        {
            var s = facing >= 0 ? 1 : -1;
            canvas.DrawLine(_ribFrom.X + normal.X * 2 * s, _ribFrom.Y + normal.Y * 2 * s, _ribTo.X + normal.X * 2 * s, _ribTo.Y + normal.Y * 2 * s, lit);
            canvas.DrawLine(_ribFrom.X - normal.X * 2 * s, _ribFrom.Y - normal.Y * 2 * s, _ribTo.X - normal.X * 2 * s, _ribTo.Y - normal.Y * 2 * s, shade);
        }
        // brushed sheet metal
        if (finish.Metal)
        {
            canvas.Save();
            canvas.ClipPath(_outline, antialias: true);
            using var grain = Shading.Stroke(new SKColor(255, 255, 255, 22), 0.8f, SKStrokeCap.Butt);
            for (var y = -_radius; y < _radius; y += 3.1f)
                canvas.DrawLine(-_radius, y, _radius, y + 1.5f, grain);
            canvas.Restore();
        }
        foreach (var (c, r) in _holes)
            HoleBevel(canvas, c, r, finish, light, 2.4f);
        Bevel(canvas, _body, _outline, finish, light, _radius, 2f);
        Specular(canvas, _outline, finish, light, _radius, 0.6f);
        Edge(canvas, _outline, finish);
    }
}
