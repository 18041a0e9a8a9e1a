namespace Sly.Generators;

/// <summary>Names of the pipeline steps, used by the incremental-caching tests.</summary>
public static class TrackingNames
{
    public const string Inputs = "SlyOpenApi.Inputs";
    public const string Results = "SlyOpenApi.Results";
    public const string Diagnostics = "SlyOpenApi.Diagnostics";
    public const string Specs = "SlyOpenApi.Specs";
}
