namespace Sly.Interactive.Collections;

/// <summary>Which kind of entities collection to read (the SDK's CollectionTypeFilter).</summary>
public enum CollectionTypeFilter
{
    /// <summary>A collection made by a user or an app.</summary>
    Default,
    /// <summary>The temporary collection an AI search writes its results to.</summary>
    AiSearch,
}
