using Sly.Testing;

namespace Sly.Search.Tests.Embeddings;

/// <summary>The demo model committed in models/demo-clip (trained by tools/demo-model on `sly demo-data` images).</summary>
internal static class DemoModel
{
    public static string Folder()
    {
        var folder = Path.Combine(Prerequisite.RepoRoot, "models", "demo-clip");
        if (!File.Exists(Path.Combine(folder, "vision_model.onnx")) || !File.Exists(Path.Combine(folder, "text_model.onnx")))
            Prerequisite.Missing($"{folder} holds no trained demo model (tools/demo-model/train.py writes vision_model.onnx and text_model.onnx there)");
        return folder;
    }
}
