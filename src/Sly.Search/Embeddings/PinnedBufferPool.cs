using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Sly.Search.Embeddings;

/// <summary>
/// Reusable float buffers of one size, pinned and 64-byte aligned. ONNX Runtime's vectorised kernels take a
/// different summation path for unaligned input, so GC-aligned (8- or 16-byte) buffers made the same image give
/// embeddings that differed in the last bit from run to run; aligned input makes results repeatable.
/// </summary>
internal sealed class PinnedBufferPool(int length, int capacity)
{
    private const int Alignment = 64;
    private readonly ConcurrentBag<PinnedBuffer> _free = [];

    public int Length { get; } = length;

    public PinnedBuffer Rent() => _free.TryTake(out var buffer) ? buffer : PinnedBuffer.Allocate(Length);

    public void Return(PinnedBuffer buffer)
    {
        if (_free.Count < capacity)
            _free.Add(buffer);
    }

    /// <summary>A pinned array and the offset at which its 64-byte-aligned window of <see cref="Memory"/> starts.</summary>
    internal sealed class PinnedBuffer
    {
        private readonly float[] _array;
        private readonly int _offset;
        private readonly int _length;

        private PinnedBuffer(float[] array, int offset, int length)
        {
            _array = array;
            _offset = offset;
            _length = length;
        }

        public Memory<float> Memory => _array.AsMemory(_offset, _length);

        public Span<float> Span => _array.AsSpan(_offset, _length);

        public static PinnedBuffer Allocate(int length)
        {
            // arrays on the pinned object heap never move, so the address read here stays valid
            var array = GC.AllocateUninitializedArray<float>(length + Alignment / sizeof(float), pinned: true);
            var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
            var address = handle.AddrOfPinnedObject();
            handle.Free();
            var misalignment = (int)(address % Alignment);
            var offset = misalignment == 0 ? 0 : (Alignment - misalignment) / sizeof(float);
            return new PinnedBuffer(array, offset, length);
        }
    }
}
