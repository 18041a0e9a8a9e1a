using System.Text.Json;
using Sly.Api;

namespace Sly.Api.Tests;

/// <summary>The generated records read and write JSON exactly as a Supervisely instance does.</summary>
public sealed class WireFormatTests
{
    [Fact]
    public void Project_info_from_an_instance_deserializes_with_its_embeddings_fields()
    {
        var project = JsonSerializer.Deserialize<ProjectInfo>("""
            {"id":12,"name":"parts","workspaceId":3,"teamId":1,"imagesCount":240,"itemsCount":240,"datasetsCount":3,
             "type":"images","createdAt":"2025-06-01T10:30:45.123Z","updatedAt":"2025-06-02T08:00:00.000000Z",
             "embeddingsEnabled":true,"embeddingsInProgress":false,"embeddingsUpdatedAt":null,"customData":{"a":1},
             "someFutureField":[1,2,3]}
            """)!;
        Assert.Equal(12, project.Id);
        Assert.True(project.EmbeddingsEnabled);
        Assert.Null(project.EmbeddingsUpdatedAt);
        Assert.Equal(ProjectType.Images, project.Type);
        Assert.Equal(123, project.CreatedAt!.Value.Millisecond);
        Assert.Equal(1, (int)project.CustomData!["a"]!);
    }

    [Fact]
    public void Ai_search_request_writes_camel_case_keys_and_omits_what_is_unset()
    {
        var json = JsonSerializer.Serialize(new EmbeddingsSendAiSearchRequest
        {
            ProjectId = 5,
            Limit = 100,
            UniqueItems = 100,
            Prompt = "rusty bolt, cracked gear",
            ClusteringMethod = ClusteringMethod.Kmeans,
        });
        var expected = System.Text.Json.Nodes.JsonNode.Parse("""{"projectId":5,"limit":100,"uniqueItems":100,"prompt":"rusty bolt, cracked gear","clusteringMethod":"kmeans"}""");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, System.Text.Json.Nodes.JsonNode.Parse(json)), json);
    }

    [Fact]
    public void Images_list_request_keeps_the_wire_snake_case_keys_and_the_ai_search_filter()
    {
        var json = JsonSerializer.Serialize(new ImagesListRequest
        {
            ProjectId = 1,
            SortOrder = SortOrder.Asc,
            PerPage = 500,
            Filters = new ImagesListAdvancedFilter[]
            {
                new AiSearchCollectionFilter { Data = new AiSearchCollectionFilterData { CollectionId = 9, Include = true, Threshold = 0.2f, ThresholdDirection = ThresholdDirection.Above } },
            },
        });
        Assert.Contains("\"sort_order\":\"asc\"", json);
        Assert.Contains("\"per_page\":500", json);
        Assert.Contains("\"type\":\"entities_ai_search_collection\"", json);
        Assert.Contains("\"collectionId\":9", json);
    }

    [Fact]
    public void An_unknown_enum_value_from_a_newer_instance_does_not_break_reading()
    {
        var project = JsonSerializer.Deserialize<ProjectInfo>("""{"id":1,"name":"p","type":"multispectral"}""")!;
        Assert.False(project.Type!.Value.IsKnown);
        Assert.Equal("multispectral", project.Type.Value.Value);
    }
}
