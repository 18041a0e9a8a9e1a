using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>A hex nut seen from above: chamfered corners, a threaded bore.</summary>
internal sealed class NutDrawing : PartDrawing
{
    private readonly float _corner, _face, _bore, _through;
    private readonly SKPath _body, _outline, _chamfer, _wall, _throughEdge;

    public NutDrawing(SeededRandom rng)
    {
        _corner = rng.Range(62, 78);
        _face = _corner * 0.866f * rng.Range(0.93f, 0.98f);
        _bore = _corner * rng.Range(0.38f, 0.46f);
        _through = _bore * 0.8f;
        var hex = new SKPoint[6];
        for (var i = 0; i < 6; i++)
        {
            var a = MathF.PI / 3 * i + MathF.PI / 6;
            hex[i] = new SKPoint(_corner * MathF.Cos(a), _corner * MathF.Sin(a));
        }
        _body = Build(b => b.AddPoly(hex));
        _outline = Build(b =>
        {
            b.AddPoly(hex);
            b.AddCircle(0, 0, _through);
        });
        _chamfer = Build(b =>
        {
            b.AddPoly(hex);
            b.AddCircle(0, 0, _face);
        });
        _wall = Build(b =>
        {
            b.AddCircle(0, 0, _bore);
            b.AddCircle(0, 0, _through);
        });
        _throughEdge = Build(b => b.AddCircle(0, 0, _through));
    }

    public override SKPath Outline => _outline;

    public override float Radius => _corner;

    public override void Paint(SKCanvas canvas, SurfaceFinish finish, SKPoint light)
    {
        FillShaded(canvas, _outline, finish, light, _corner);
        TurnedSheen(canvas, _outline, finish, 15);

        // the corners outside the bearing face are the 30° chamfer: they tilt away, so they read darker
        using (var chamfer = Shading.Fill(new SKColor(0, 0, 0, 70)))
            canvas.DrawPath(_chamfer, chamfer);
        using (var ring = Shading.Stroke(finish.Shade(0.55f), 1.1f))
            canvas.DrawCircle(0, 0, _face, ring);

        // the threaded bore: a dark wall with thread turns, visible between the countersink and the through-hole
        using (var wall = Shading.Fill(finish.Shade(0.38f)))
            canvas.DrawPath(_wall, wall);
        using (var crest = Shading.Stroke(Shading.WithAlpha(finish.Tint(SKColors.White, 0.4f), 0.7f), 1.1f))
        using (var root = Shading.Stroke(finish.Shade(0.2f), 1.1f))
        {
            for (var i = 0; i < 3; i++)
            {
                var r = _through + (_bore - _through) * (0.22f + 0.27f * i);
                var shift = (i - 1) * 0.9f;
                canvas.DrawCircle(light.X * shift, light.Y * shift, r, crest);
                canvas.DrawCircle(light.X * shift + 0.9f, light.Y * shift + 0.9f, r + 1.2f, root);
            }
        }
        HoleBevel(canvas, SKPoint.Empty, _bore, finish, light, 2.6f);
        Bevel(canvas, _body, _outline, finish, light, _corner, 2.2f);
        Specular(canvas, _outline, finish, light, _corner);
        Edge(canvas, _body, finish);
        Edge(canvas, _throughEdge, finish);
    }
}
