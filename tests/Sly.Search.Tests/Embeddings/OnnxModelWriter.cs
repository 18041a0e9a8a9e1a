using System.Text;

namespace Sly.Search.Tests.Embeddings;

/// <summary>
/// Writes small ONNX models (protobuf, opset 13) by hand, so embedder tests run real ONNX Runtime sessions without
/// Python or a trained model. Only the handful of ONNX fields these graphs need are encoded.
/// </summary>
internal sealed class OnnxModelWriter
{
    public const int Float = 1;
    public const int Int32 = 6;
    public const int Int64 = 7;

    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];

    /// <summary>Declares a graph input; a dimension of -1 is a symbolic "batch" dimension.</summary>
    public OnnxModelWriter Input(string name, int elementType, params long[] dims)
    {
        _inputs.Add(ValueInfo(name, elementType, dims));
        return this;
    }

    public OnnxModelWriter Output(string name, int elementType, params long[] dims)
    {
        _outputs.Add(ValueInfo(name, elementType, dims));
        return this;
    }

    public OnnxModelWriter FloatInitializer(string name, long[] dims, float[] values)
    {
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        var tensor = new Proto();
        foreach (var d in dims)
            tensor.Varint(1, d);
        tensor.Varint(2, Float);
        tensor.String(8, name);
        tensor.Bytes(9, raw);
        _initializers.Add(tensor.ToArray());
        return this;
    }

    /// <summary>Adds a node; attributes are (name, int) or (name, int[]).</summary>
    public OnnxModelWriter Node(string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        var node = new Proto();
        foreach (var i in inputs)
            node.String(1, i);
        foreach (var o in outputs)
            node.String(2, o);
        node.String(3, opType + "_" + _nodes.Count);
        node.String(4, opType);
        foreach (var (name, value) in attributes)
        {
            var attribute = new Proto();
            attribute.String(1, name);
            switch (value)
            {
                case int i:
                    attribute.Varint(3, i);
                    attribute.Varint(20, 2); // INT
                    break;
                case long[] ints:
                    foreach (var v in ints)
                        attribute.Varint(8, v);
                    attribute.Varint(20, 7); // INTS
                    break;
                default:
                    throw new ArgumentException($"unsupported attribute value {value}", nameof(attributes));
            }
            node.Message(5, attribute);
        }
        _nodes.Add(node.ToArray());
        return this;
    }

    public byte[] ToBytes()
    {
        var graph = new Proto();
        foreach (var n in _nodes)
            graph.Bytes(1, n);
        graph.String(2, "tiny_clip");
        foreach (var i in _initializers)
            graph.Bytes(5, i);
        foreach (var i in _inputs)
            graph.Bytes(11, i);
        foreach (var o in _outputs)
            graph.Bytes(12, o);
        var opset = new Proto();
        opset.String(1, "");
        opset.Varint(2, 13);
        var model = new Proto();
        model.Varint(1, 8); // IR version 8
        model.String(2, "sly-search-tests");
        model.Message(7, graph);
        model.Message(8, opset);
        return model.ToArray();
    }

    public void Save(string path) => File.WriteAllBytes(path, ToBytes());

    private static byte[] ValueInfo(string name, int elementType, long[] dims)
    {
        var shape = new Proto();
        foreach (var d in dims)
        {
            var dim = new Proto();
            if (d < 0)
                dim.String(2, "batch");
            else
                dim.Varint(1, d);
            shape.Message(1, dim);
        }
        var tensorType = new Proto();
        tensorType.Varint(1, elementType);
        tensorType.Message(2, shape);
        var type = new Proto();
        type.Message(1, tensorType);
        var info = new Proto();
        info.String(1, name);
        info.Message(2, type);
        return info.ToArray();
    }

    /// <summary>Protobuf wire format: varints and length-delimited fields.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _stream = new();

        public void Varint(int field, long value)
        {
            WriteVarint((ulong)(field << 3));
            WriteVarint((ulong)value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, Proto message) => Bytes(field, message.ToArray());

        public void Bytes(int field, byte[] value)
        {
            WriteVarint((ulong)((field << 3) | 2));
            WriteVarint((ulong)value.Length);
            _stream.Write(value);
        }

        public byte[] ToArray() => _stream.ToArray();

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _stream.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _stream.WriteByte((byte)value);
        }
    }
}
