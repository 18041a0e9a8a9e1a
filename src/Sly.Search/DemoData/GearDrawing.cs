using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>A spur gear seen face-on: teeth, a recessed web, a hub with a keyed bore, sometimes lightening holes.</summary>
internal sealed class GearDrawing : PartDrawing
{
    private readonly float _outer, _root, _bore, _hub;
    private readonly List<(SKPoint Centre, float R)> _holes = [];
    private readonly SKPath _body, _outline, _boreEdge;

    public GearDrawing(SeededRandom rng)
    {
        _outer = rng.Range(70, 86);
        var teeth = rng.Between(12, 24);
        var depth = _outer * rng.Range(0.11f, 0.16f);
        _root = _outer - depth;
        _bore = _outer * rng.Range(0.14f, 0.22f);
        _hub = _bore * rng.Range(1.6f, 2.0f);
        var key = rng.Chance(0.7);

        var pitch = 2 * MathF.PI / teeth;
        var profile = new List<SKPoint>();
        for (var i = 0; i < teeth; i++)
        {
            var a = i * pitch;
            void Add(float angle, float r) => profile.Add(new SKPoint(r * MathF.Cos(angle), r * MathF.Sin(angle)));
            Add(a - 0.30f * pitch, _root);
            Add(a - 0.17f * pitch, _outer - depth * 0.15f);
            Add(a - 0.12f * pitch, _outer);
            Add(a + 0.12f * pitch, _outer);
            Add(a + 0.17f * pitch, _outer - depth * 0.15f);
            Add(a + 0.30f * pitch, _root);
            Add(a + 0.5f * pitch, _root - 0.5f);
        }
        var boreOutline = new SKPoint[72];
        for (var i = 0; i < boreOutline.Length; i++)
        {
            var a = 2 * MathF.PI * i / boreOutline.Length;
            var inKeyway = key && MathF.Abs(a - MathF.PI / 2) < 0.28f;
            var r = inKeyway ? _bore * 1.28f : _bore;
            boreOutline[i] = new SKPoint(r * MathF.Cos(a), r * MathF.Sin(a));
        }
        if (_root - _hub > 28 && rng.Chance(0.6))
        {
            var count = rng.Between(4, 6);
            var ringRadius = (_hub + _root) / 2 - 2;
            var holeRadius = MathF.Min((_root - _hub) * 0.3f, ringRadius * MathF.Sin(MathF.PI / count) * 0.62f);
            var phase = rng.Range(0, 2 * MathF.PI);
            for (var i = 0; i < count; i++)
            {
                var a = phase + 2 * MathF.PI * i / count;
                _holes.Add((new SKPoint(ringRadius * MathF.Cos(a), ringRadius * MathF.Sin(a)), holeRadius));
            }
        }
        var profileArray = profile.ToArray();
        _body = Build(b => b.AddPoly(profileArray));
        _boreEdge = Build(b => b.AddPoly(boreOutline));
        _outline = Build(b =>
        {
            b.AddPoly(profileArray);
            b.AddPoly(boreOutline);
            foreach (var (c, r) in _holes)
                b.AddCircle(c.X, c.Y, r);
        });
    }

    public override SKPath Outline => _outline;

    public override float Radius => _outer;

    public override void Paint(SKCanvas canvas, SurfaceFinish finish, SKPoint light)
    {
        FillShaded(canvas, _outline, finish, light, _outer);
        TurnedSheen(canvas, _outline, finish, 30);

        // the web between rim and hub is machined lower than both: a darker band with shaded steps
        canvas.Save();
        canvas.ClipPath(_outline, antialias: true);
        var rimInner = _root - MathF.Max(5, (_root - _hub) * 0.18f);
        using (var web = Shading.Stroke(new SKColor(0, 0, 0, 45), rimInner - _hub))
            canvas.DrawCircle(0, 0, (rimInner + _hub) / 2, web);
        StepRing(canvas, rimInner, finish, light, inward: true);
        StepRing(canvas, _hub, finish, light, inward: false);
        canvas.Restore();

        Bevel(canvas, _body, _outline, finish, light, _outer, 2.2f);
        foreach (var (c, r) in _holes)
            HoleBevel(canvas, c, r, finish, light, 2.5f);
        canvas.Save();
        canvas.ClipPath(_outline, antialias: true);
        HoleBevel(canvas, SKPoint.Empty, _bore, finish, light, 3f);
        canvas.Restore();
        Specular(canvas, _outline, finish, light, _outer);
        Edge(canvas, _body, finish);
        Edge(canvas, _boreEdge, finish);
    }

    private static void StepRing(SKCanvas canvas, float radius, SurfaceFinish finish, SKPoint light, bool inward)
    {
        // a step down seen from above: the wall facing the light is lit, the opposite wall is in shade
        var s = inward ? 1 : -1;
        using var shader = SKShader.CreateLinearGradient(
            new SKPoint(light.X * radius * s, light.Y * radius * s), new SKPoint(-light.X * radius * s, -light.Y * radius * s),
            [new SKColor(0, 0, 0, 150), SKColors.Transparent, Shading.WithAlpha(finish.Tint(SKColors.White, 0.6f), 0.75f)],
            [0f, 0.5f, 1f], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2.4f, Shader = shader };
        canvas.DrawCircle(0, 0, radius, paint);
    }
}
