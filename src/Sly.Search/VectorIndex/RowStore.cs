using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sly.Search.VectorIndex;

/// <summary>
/// Fixed-width rows of <typeparamref name="T"/> in segments of a power-of-two number of rows. Each row is padded
/// with zeros to a multiple of 64 bytes and every row starts on a 64-byte boundary (segments are pinned arrays on
/// the pinned object heap, offset to alignment), so SIMD kernels read whole cache lines and never need a tail.
/// Growing adds a segment instead of copying the matrix, and there is no 2 GB array limit on the total.
/// </summary>
internal sealed class RowStore<T> where T : unmanaged
{
    private const int SegmentBytesTarget = 16 << 20;
    private const int Alignment = 64;

    private readonly int _segmentShift;
    private readonly int _segmentMask;
    private readonly List<T[]> _segments = [];
    private readonly List<int> _offsets = [];
    private int _firstSegmentRows;

    public RowStore(int width, int initialCapacity)
    {
        Width = width;
        var elementsPerLine = Alignment / Unsafe.SizeOf<T>();
        Stride = (width + elementsPerLine - 1) / elementsPerLine * elementsPerLine;
        var rowBytes = (long)Stride * Unsafe.SizeOf<T>();
        var segmentRows = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, SegmentBytesTarget / rowBytes)), 64, 1 << 20);
        if (segmentRows * rowBytes > SegmentBytesTarget && segmentRows > 64)
            segmentRows >>= 1;
        _segmentShift = BitOperations.Log2((uint)segmentRows);
        _segmentMask = segmentRows - 1;
        SegmentRows = segmentRows;
        _firstSegmentRows = Math.Clamp((int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(initialCapacity, 16)), 16, segmentRows);
        AddSegment(_firstSegmentRows);
    }

    /// <summary>Elements of data per row.</summary>
    public int Width { get; }

    /// <summary>Elements per row including the zero padding; a multiple of 64 bytes.</summary>
    public int Stride { get; }

    public int SegmentRows { get; }

    /// <summary>Rows that fit without growing.</summary>
    public int Capacity => _segments.Count == 1 ? _firstSegmentRows : _segments.Count * SegmentRows;

    public void EnsureCapacity(int rows)
    {
        while (rows > Capacity)
        {
            if (_segments.Count == 1 && _firstSegmentRows < SegmentRows)
            {
                var rowsNow = _firstSegmentRows;
                var grown = Math.Min(SegmentRows, rowsNow * 2);
                var (oldArray, oldOffset) = (_segments[0], _offsets[0]);
                _segments.Clear();
                _offsets.Clear();
                AddSegment(grown);
                Array.Copy(oldArray, oldOffset, _segments[0], _offsets[0], (long)rowsNow * Stride);
                _firstSegmentRows = grown;
            }
            else
            {
                AddSegment(SegmentRows);
            }
        }
    }

    /// <summary>Drops every row and gives the memory back, keeping one small segment.</summary>
    public void Reset(int initialCapacity)
    {
        _segments.Clear();
        _offsets.Clear();
        _firstSegmentRows = Math.Clamp((int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(initialCapacity, 16)), 16, SegmentRows);
        AddSegment(_firstSegmentRows);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Row(int row)
    {
        var segment = _segments[row >> _segmentShift];
        var offset = _offsets[row >> _segmentShift] + (long)(row & _segmentMask) * Stride;
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(segment), (nint)offset);
    }

    /// <summary>The row's <see cref="Width"/> elements (without padding).</summary>
    public Span<T> RowSpan(int row) => MemoryMarshal.CreateSpan(ref Row(row), Width);

    /// <summary>The row including padding.</summary>
    public Span<T> PaddedRowSpan(int row) => MemoryMarshal.CreateSpan(ref Row(row), Stride);

    public void CopyRow(int from, int to) => PaddedRowSpan(from).CopyTo(PaddedRowSpan(to));

    private void AddSegment(int rows)
    {
        var elementsPerLine = Alignment / Unsafe.SizeOf<T>();
        var array = GC.AllocateArray<T>(checked(rows * Stride + elementsPerLine), pinned: true);
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        long address;
        try
        {
            address = handle.AddrOfPinnedObject().ToInt64();
        }
        finally
        {
            handle.Free(); // arrays on the pinned object heap never move
        }
        var misalignment = (int)(address & (Alignment - 1));
        var offset = misalignment == 0 ? 0 : (Alignment - misalignment) / Unsafe.SizeOf<T>();
        _segments.Add(array);
        _offsets.Add(offset);
    }
}
