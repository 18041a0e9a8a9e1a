using System.Collections.Generic;
using Sly.Generators.Model;

namespace Sly.Generators.Emitting;

/// <summary>Every file one spec produces, in a stable order.</summary>
internal static class SpecEmitter
{
    public static IEnumerable<GeneratedFile> Emit(ApiSpec spec)
    {
        yield return OperationsEmitter.EmitTable(spec);
        yield return OperationsEmitter.EmitExtensionAttribute(spec);
        foreach (var api in spec.Interfaces)
            yield return InterfaceEmitter.Emit(spec, api);
        foreach (var type in spec.Types)
        {
            switch (type)
            {
                case ObjectSpec model:
                    yield return ObjectEmitter.Emit(spec, model);
                    break;
                case EnumSpec model:
                    yield return EnumEmitter.Emit(spec, model);
                    break;
                case UnionSpec model:
                    yield return UnionEmitter.Emit(spec, model);
                    break;
            }
        }
    }
}
