using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>
/// A helical compression spring seen from the side: the wire's back half-turns slant one way and sit in shade,
/// the front half-turns slant the other way and are lit like a round wire.
/// </summary>
internal sealed class SpringDrawing : PartDrawing
{
    private readonly float _halfLength, _wire;
    private readonly List<SKPath> _front = [], _back = [];
    private readonly SKPath _outline, _frontArea;

    /// <param name="rng">The scene's stream.</param>
    /// <param name="dent">When given, the spring is dented: one stretch of coils is pinched to a smaller radius.</param>
    public SpringDrawing(SeededRandom rng, SeededRandom? dent)
    {
        _halfLength = rng.Range(68, 84);
        var coilRadius = rng.Range(24, 36);
        _wire = rng.Range(6.5f, 9.5f);
        var turns = rng.Range(5.5f, 9f);
        var totalAngle = 2 * MathF.PI * turns;
        var span = 2 * _halfLength - _wire;

        // closed ends: the pitch shrinks to one wire thickness over the last turn at each end
        float X(float t)
        {
            var u = t / totalAngle;
            var endTurn = 1 / turns;
            var closed = _wire / (2 * MathF.PI);
            var open = (span - 2 * _wire) / (totalAngle - 4 * MathF.PI);
            if (u < endTurn)
                return -span / 2 + closed * t;
            if (u > 1 - endTurn)
                return span / 2 - closed * (totalAngle - t);
            return -span / 2 + _wire + open * (t - 2 * MathF.PI);
        }

        // a dent crushes a few turns: the coil radius dips smoothly around one point along the spring
        var (pinchAt, pinchDepth, pinchWidth) = dent is null ? (0f, 0f, 1f) : (dent.Range(-0.3f, 0.3f) * span, dent.Range(0.42f, 0.58f), dent.Range(0.08f, 0.13f) * span);
        float CoilRadiusAt(float x) => coilRadius * (1 - pinchDepth * MathF.Exp(-(x - pinchAt) * (x - pinchAt) / (2 * pinchWidth * pinchWidth)));

        const float step = 0.12f;
        var segment = new List<SKPoint>();
        bool? front = null;
        for (var t = 0f; t <= totalAngle + step / 2; t += step)
        {
            var isFront = MathF.Sin(t) >= 0;
            var x = X(Math.Min(t, totalAngle));
            var p = new SKPoint(x, CoilRadiusAt(x) * MathF.Cos(t));
            if (front is not null && isFront != front)
            {
                segment.Add(p);
                Flush(segment, front.Value);
                segment = [p];
            }
            else
                segment.Add(p);
            front = isFront;
        }
        Flush(segment, front ?? true);

        using var stroke = Shading.Stroke(SKColors.Black, _wire);
        _outline = Build(b =>
        {
            foreach (var path in _back.Concat(_front))
                b.AddPath(stroke.GetFillPath(path));
        }, SKPathFillType.Winding);
        _frontArea = Build(b =>
        {
            foreach (var path in _front)
                b.AddPath(stroke.GetFillPath(path));
        }, SKPathFillType.Winding);
    }

    private void Flush(List<SKPoint> points, bool front)
    {
        if (points.Count < 2)
            return;
        var array = points.ToArray();
        (front ? _front : _back).Add(Build(b => b.AddPoly(array, close: false), SKPathFillType.Winding));
    }

    public override SKPath Outline => _outline;

    public override SKPath DefectArea => _frontArea;

    public override bool PaintsDent => false;

    /// <summary>Along the spring's axis, so the crack crosses every turn it passes.</summary>
    public override float? CrackHeading => 0;

    public override float CrackWidthScale => 1.5f;

    public override float Radius => _halfLength;

    public override void Paint(SKCanvas canvas, SurfaceFinish finish, SKPoint light)
    {
        using (var back = Shading.Stroke(finish.Shade(0.38f), _wire))
        using (var backEdge = Shading.Stroke(finish.Shade(0.22f), _wire + 1.4f))
        {
            foreach (var path in _back)
                canvas.DrawPath(path, backEdge);
            foreach (var path in _back)
                canvas.DrawPath(path, back);
        }
        // a round wire: dark rim, body colour, then a narrow highlight shifted towards the light
        var shift = new SKPoint(light.X * _wire * 0.22f, light.Y * _wire * 0.22f);
        using var rim = Shading.Stroke(finish.Shade(0.3f), _wire + 1.4f);
        using var body = Shading.Stroke(finish.Shade(finish.Metal ? 0.85f : 0.9f), _wire);
        using var highlight = Shading.Stroke(finish.Tint(SKColors.White, finish.Metal ? 0.55f : 0.3f), _wire * 0.32f);
        foreach (var path in _front)
        {
            canvas.DrawPath(path, rim);
            canvas.DrawPath(path, body);
            canvas.Save();
            canvas.Translate(shift.X, shift.Y);
            canvas.DrawPath(path, highlight);
            canvas.Restore();
        }
    }
}
