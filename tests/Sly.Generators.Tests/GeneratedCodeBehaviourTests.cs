using System.Text.Json;
using Sly.Generators.Tests.Infrastructure;

namespace Sly.Generators.Tests;

/// <summary>What the generated records, enums and unions do on real JSON.</summary>
public sealed class GeneratedCodeBehaviourTests
{
    [Fact]
    public void Unknown_enum_values_deserialize_and_round_trip()
    {
        var spec = CompiledSpec.Load("enums.yaml");
        var condition = spec.Deserialize("Condition", """{"field":"name","operator":"like","type":"aiSearch"}""");

        var op = CompiledSpec.Get(condition, "Operator")!;
        Assert.Equal("like", op.ToString());
        Assert.False((bool)CompiledSpec.Get(op, "IsKnown")!);
        Assert.True((bool)CompiledSpec.Get(CompiledSpec.Get(condition, "Type")!, "IsKnown")!);
        Assert.Contains("\"operator\":\"like\"", spec.Serialize(condition));
        Assert.DoesNotContain("\"direction\"", spec.Serialize(condition));
    }

    [Fact]
    public void Known_enum_values_equal_their_static_members()
    {
        var spec = CompiledSpec.Load("enums.yaml");
        var condition = spec.Deserialize("Condition", """{"field":"a","operator":"!in"}""");
        var notIn = spec.Type("Operator").GetProperty("NotIn")!.GetValue(null);
        Assert.Equal(notIn, CompiledSpec.Get(condition, "Operator"));
    }

    [Fact]
    public void Missing_required_property_fails_with_its_name()
    {
        var spec = CompiledSpec.Load("enums.yaml");
        var error = Assert.ThrowsAny<JsonException>(() => spec.Deserialize("Condition", """{"operator":"="}"""));
        Assert.Contains("field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discriminator_picks_the_case_in_any_property_order_and_keeps_unknown_cases()
    {
        var spec = CompiledSpec.Load("one-of-discriminator.yaml");
        var query = spec.Deserialize("Query", """
            {"filters":[{"data":{"collectionId":5,"include":true},"type":"entities_collection"},{"type":"images_filename","data":{"value":"a.png"}},{"type":"from_the_future","x":1}]}
            """);
        var filters = ((System.Collections.IEnumerable)CompiledSpec.Get(query, "Filters")!).Cast<object>().ToList();

        Assert.Equal("CollectionFilter", filters[0].GetType().Name);
        Assert.Equal(5L, CompiledSpec.Get(CompiledSpec.Get(filters[0], "Data")!, "CollectionId"));
        Assert.Equal("FilenameFilter", filters[1].GetType().Name);
        Assert.Equal("Unrecognized", filters[2].GetType().Name);

        var json = spec.Serialize(query);
        Assert.Contains("\"type\":\"entities_collection\"", json);
        Assert.Contains("\"type\":\"from_the_future\",\"x\":1", json);
    }

    [Fact]
    public void A_new_case_record_carries_its_discriminator_value()
    {
        var spec = CompiledSpec.Load("one-of-discriminator.yaml");
        var filter = Activator.CreateInstance(spec.Type("FilenameFilter"))!;
        Assert.Equal("images_filename", CompiledSpec.Get(filter, "Type"));
    }

    [Fact]
    public void Wrapper_union_reads_each_case_by_its_json_shape()
    {
        var spec = CompiledSpec.Load("one-of-wrapper.yaml");
        var numeric = spec.Deserialize("Point", """{"id":42}""");
        var guid = spec.Deserialize("Point", """{"id":"6f0d5d8e-1b4c-4f59-9d7a-6a3f6f1f5a10","usage":null}""");

        var tryUInt64 = spec.Type("PointId").GetMethod("TryGetUInt64")!;
        var tryGuid = spec.Type("PointId").GetMethod("TryGetGuid")!;
        var args = new object?[] { null, null };
        Assert.True((bool)tryUInt64.Invoke(CompiledSpec.Get(numeric, "Id"), args)!);
        Assert.Equal(42UL, args[0]);
        Assert.False((bool)tryGuid.Invoke(CompiledSpec.Get(numeric, "Id"), new object?[] { null, null })!);
        var guidArgs = new object?[] { null, null };
        Assert.True((bool)tryGuid.Invoke(CompiledSpec.Get(guid, "Id"), guidArgs)!);
        Assert.Equal(Guid.Parse("6f0d5d8e-1b4c-4f59-9d7a-6a3f6f1f5a10"), guidArgs[0]);
        Assert.Null(CompiledSpec.Get(guid, "Usage"));
        Assert.Equal("""{"id":42}""", spec.Serialize(numeric));
    }

    [Fact]
    public void Timestamps_with_fractional_seconds_and_z_become_date_time_offsets()
    {
        var spec = CompiledSpec.Load("basic.yaml");
        var pet = spec.Deserialize("Pet", """{"id":9007199254740993,"name":"Rex","createdAt":"2025-06-01T10:30:45.123Z","updatedAt":null}""");
        var created = (DateTimeOffset)CompiledSpec.Get(pet, "CreatedAt")!;
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 30, 45, 123, TimeSpan.Zero), created);
        Assert.Equal(9007199254740993L, CompiledSpec.Get(pet, "Id"));
    }

    [Fact]
    public void Undeclared_properties_land_in_the_extension_data()
    {
        var spec = CompiledSpec.Load("additional-properties.yaml");
        var settings = spec.Deserialize("Settings", """{"name":"n","counts":{"a":1},"extra":"kept"}""");
        var extra = (IDictionary<string, JsonElement>)CompiledSpec.Get(settings, "AdditionalProperties")!;
        Assert.Equal("kept", extra["extra"].GetString());
        Assert.Contains("\"extra\":\"kept\"", spec.Serialize(settings));
    }
}
