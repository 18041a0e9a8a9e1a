using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>A flat washer: a ring with chamfered inner and outer edges.</summary>
internal sealed class WasherDrawing : PartDrawing
{
    private readonly float _outer, _inner;
    private readonly SKPath _body, _outline, _hole;

    public WasherDrawing(SeededRandom rng)
    {
        _outer = rng.Range(58, 78);
        _inner = _outer * rng.Range(0.36f, 0.55f);
        _body = Build(b => b.AddCircle(0, 0, _outer));
        _hole = Build(b => b.AddCircle(0, 0, _inner));
        _outline = Build(b =>
        {
            b.AddCircle(0, 0, _outer);
            b.AddCircle(0, 0, _inner);
        });
    }

    public override SKPath Outline => _outline;

    public override float Radius => _outer;

    public override void Paint(SKCanvas canvas, SurfaceFinish finish, SKPoint light)
    {
        FillShaded(canvas, _outline, finish, light, _outer);
        TurnedSheen(canvas, _outline, finish, 50);
        canvas.Save();
        canvas.ClipPath(_outline, antialias: true);
        // stamped washers have a faint ring where the die's flat meets the rolled edge
        using (var ring = Shading.Stroke(new SKColor(0, 0, 0, 40), 1f))
            canvas.DrawCircle(0, 0, (_outer + _inner) / 2 + (_outer - _inner) * 0.2f, ring);
        HoleBevel(canvas, SKPoint.Empty, _inner, finish, light, 3.2f);
        canvas.Restore();
        Bevel(canvas, _body, _outline, finish, light, _outer, 3f);
        Specular(canvas, _outline, finish, light, _outer, 0.5f);
        Edge(canvas, _body, finish);
        Edge(canvas, _hole, finish);
    }
}
