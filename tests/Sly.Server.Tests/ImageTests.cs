using System.Net;
using System.Text.Json.Nodes;
using Refit;
using SkiaSharp;
using Sly.Api;

namespace Sly.Server.Tests;

public sealed class ImageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_skips_known_hashes_rejects_duplicate_names_and_serves_bytes_without_auth()
    {
        await using var server = await ServerFixture.StartAsync();
        var api = server.Admin;
        var project = await ServerScenarios.ProjectAsync(api, "p", Ct);
        var dataset = await ServerScenarios.DatasetAsync(api, project.Id, "d", Ct);
        var jpeg = TestImages.Solid(10, 200, 10, 40, 30, SKEncodedImageFormat.Jpeg);
        var first = await ServerScenarios.UploadAsync(api, dataset.Id, [("a.jpg", jpeg)], Ct);

        Assert.Equal([Storage.BlobStore.HashOf(jpeg)], await api.ImagesInternalHashesListAsync([Storage.BlobStore.HashOf(jpeg), "bm90LXN0b3JlZA=="], Ct));
        var clash = await Assert.ThrowsAsync<ApiException>(() => api.ImagesBulkAddAsync(new ImagesBulkAddRequest
        {
            DatasetId = dataset.Id, Images = [new ImagesBulkAddItem { Title = "a.jpg", Hash = first[0].Hash }],
        }, Ct));
        var details = JsonNode.Parse(clash.Content!)!["details"]!;
        Assert.Equal("NONUNIQUE", (string)details["type"]!);
        Assert.Equal(first[0].Id, (long)details["errors"]![0]!["id"]!);

        using var anonymous = new HttpClient();
        var bytes = await anonymous.GetByteArrayAsync(first[0].FullStorageUrl, Ct);
        Assert.Equal(jpeg, bytes);
        var path = new Uri(first[0].FullStorageUrl!).AbsolutePath;
        var preview = await anonymous.GetByteArrayAsync(new Uri(server.Server.Address, "/previews/q/ext:png/resize:fit:20:20:0/q:70/plain" + path), Ct);
        using var decoded = SKBitmap.Decode(preview);
        Assert.Equal((20, 15), (decoded.Width, decoded.Height));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(server.Server.Address, "/blobs/" + new string('0', 64)), Ct)).StatusCode);
    }

    [Fact]
    public async Task Bytes_that_are_not_an_image_get_an_error_in_their_slot_and_the_others_are_stored()
    {
        await using var server = await ServerFixture.StartAsync();
        var results = await server.Admin.ImagesBulkUploadAsync([
            new StreamPart(new MemoryStream("not an image"u8.ToArray()), "0", "image/png", "0-file"),
            new StreamPart(new MemoryStream(TestImages.Solid(1, 2, 3)), "1", "image/png", "1-file"),
        ], Ct);
        Assert.Null(results[0].Hash);
        Assert.NotNull(results[0].Errors);
        Assert.Equal(Storage.BlobStore.HashOf(TestImages.Solid(1, 2, 3)), results[1].Hash);
    }

    [Fact]
    public async Task Listing_paginates_like_an_instance_and_filters_and_sorts()
    {
        await using var server = await ServerFixture.StartAsync();
        var api = server.Admin;
        var project = await ServerScenarios.ProjectAsync(api, "p", Ct);
        var dataset = await ServerScenarios.DatasetAsync(api, project.Id, "d", Ct);
        var images = await ServerScenarios.UploadAsync(api, dataset.Id, Enumerable.Range(0, 5).Select(i => ($"img{i}.png", TestImages.Solid((byte)(i * 40), 0, 0))).ToList(), Ct);

        var firstPage = await api.ImagesListAsync(new ImagesListRequest { DatasetId = dataset.Id, PerPage = 2 }, Ct);
        Assert.Equal((5L, 2, 3), (firstPage.Total, firstPage.PerPage, firstPage.PagesCount));
        var third = await api.ImagesListAsync(new ImagesListRequest { DatasetId = dataset.Id, Page = 3, PerPage = 2 }, Ct);
        Assert.Equal(images[4].Id, Assert.Single(third.Entities).Id);
        var noPage = await api.ImagesListAsync(new ImagesListRequest { ProjectId = project.Id }, Ct);
        Assert.Equal((5, 20000, 1), (noPage.Entities.Count, noPage.PerPage, noPage.PagesCount));

        var filtered = await api.ImagesListAsync(new ImagesListRequest
        {
            DatasetId = dataset.Id, SortOrder = SortOrder.Desc, Sort = ImagesSortField.Name,
            Filter = [new FilterCondition { Field = "id", Operator = "in", Value = new JsonArray(images[1].Id, images[3].Id) }],
        }, Ct);
        Assert.Equal(["img3.png", "img1.png"], filtered.Entities.Select(e => e.Name));

        var token = await api.ImagesListAsync(new ImagesListRequest { DatasetId = dataset.Id, PerPage = 3, PaginationMode = "token" }, Ct);
        Assert.Equal(3, token.Entities.Count);
        var rest = await api.ImagesListAsync(new ImagesListRequest { DatasetId = dataset.Id, PerPage = 3, PaginationMode = "token", After = token.After }, Ct);
        Assert.Equal(images.Skip(3).Select(i => i.Id), rest.Entities.Select(e => e.Id));
        Assert.Null(rest.After);
    }
}
