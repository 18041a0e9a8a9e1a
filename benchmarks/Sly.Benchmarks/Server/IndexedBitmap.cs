using System.Buffers.Binary;

namespace Sly.Benchmarks.Server;

/// <summary>
/// A 1×1 24-bit BMP whose one pixel spells a row index (blue = low byte, green, red = high byte): a real image the
/// server's upload probe accepts, unique per index (uploads are content-addressed), and 58 bytes on the wire.
/// </summary>
public static class IndexedBitmap
{
    public const int MaxIndex = (1 << 24) - 1;
    private const int HeaderBytes = 54;
    private const int FileBytes = HeaderBytes + 4;

    public static byte[] Encode(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, MaxIndex);
        var bytes = new byte[FileBytes];
        var span = bytes.AsSpan();
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], FileBytes);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], HeaderBytes);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], 4);
        span[HeaderBytes] = (byte)index;
        span[HeaderBytes + 1] = (byte)(index >> 8);
        span[HeaderBytes + 2] = (byte)(index >> 16);
        return bytes;
    }

    /// <summary>The index an <see cref="Encode"/>d image spells, or null for any other bytes.</summary>
    public static int? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != FileBytes || bytes[0] != 'B' || bytes[1] != 'M')
            return null;
        return bytes[HeaderBytes] | bytes[HeaderBytes + 1] << 8 | bytes[HeaderBytes + 2] << 16;
    }
}
