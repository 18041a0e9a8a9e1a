using System.Text.Json.Nodes;
using Refit;
using Sly.Api;

namespace Sly.Server.Tests;

/// <summary>One pass through every operation of the contract against a real server, the way the SDK's flows use them.</summary>
public sealed class EveryOperationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_contract_operation_answers_as_the_reference_does()
    {
        await using var server = await ServerFixture.StartAsync();
        var api = server.Admin;
        var called = new HashSet<string>();

        Assert.Equal("6.17.8", (await api.InstanceVersionAsync(null, Ct)).Version); called.Add("instance.version");
        var me = await api.UsersMeAsync(null, Ct); called.Add("users.me");
        var labeler = await api.SlyUsersAddAsync(new SlyUsersAddRequest { Login = "labeler" }, Ct); called.Add("sly.users.add");
        var team = Assert.Single((await api.TeamsListAsync(null, Ct)).Entities); called.Add("teams.list");
        Assert.Equal("admin", team.Role);
        var workspace = Assert.Single((await api.WorkspacesListAsync(new WorkspacesListRequest { TeamId = team.Id }, Ct)).Entities); called.Add("workspaces.list");
        Assert.Equal((1L, team.Id), (workspace.Id, workspace.TeamId));

        var project = await ServerScenarios.ProjectAsync(api, "parts", Ct); called.Add("projects.add");
        Assert.Equal(ProjectType.Images, project.Type);
        Assert.False(project.EmbeddingsEnabled);
        Assert.Equal("parts", (await api.ProjectsInfoAsync(new ProjectsInfoRequest { Id = project.Id }, Ct)).Name); called.Add("projects.info");
        var listed = await api.ProjectsListAsync(new ProjectsListRequest { WorkspaceId = 1, Filter = [new FilterCondition { Field = "name", Operator = "=", Value = "parts" }] }, Ct);
        Assert.Equal(project.Id, Assert.Single(listed.Entities).Id); called.Add("projects.list");
        var all = await api.ProjectsListAllAsync(new ProjectsListAllRequest { Filter = [new FilterCondition { Field = "embeddingsEnabled", Operator = "=", Value = false }] }, Ct);
        Assert.Contains(all.Entities, p => p.Id == project.Id); called.Add("projects.list.all");
        var edited = await api.ProjectsEditInfoAsync(new ProjectsEditInfoRequest { Id = project.Id, Description = "bench parts", CustomData = new JsonObject { ["line"] = "a" } }, Ct);
        Assert.Equal("bench parts", edited.Description); called.Add("projects.editInfo");
        await api.ProjectsEmbeddingsInProgressUpdateAsync(new ProjectsEmbeddingsInProgressUpdateRequest { Id = project.Id, EmbeddingsInProgress = false }, Ct); called.Add("projects.embeddings-in-progress.update");
        var meta = await api.ProjectsMetaAsync(new ProjectsMetaRequest { Id = project.Id }, Ct); called.Add("projects.meta");
        Assert.NotNull(meta.Classes);
        await api.ProjectsMetaUpdateAsync(new ProjectsMetaUpdateRequest { Id = project.Id, Meta = meta with { Classes = [new JsonObject { ["title"] = "defect", ["shape"] = "rectangle" }] } }, Ct); called.Add("projects.meta.update");
        Assert.Single((await api.ProjectsMetaAsync(new ProjectsMetaRequest { Id = project.Id }, Ct)).Classes!);
        await api.ProjectsSettingsUpdateAsync(new ProjectsSettingsUpdateRequest { Id = project.Id, Settings = new ProjectSettings { GroupImages = false } }, Ct); called.Add("projects.settings.update");

        var lineA = await ServerScenarios.DatasetAsync(api, project.Id, "line-a", Ct); called.Add("datasets.add");
        var lineB = await ServerScenarios.DatasetAsync(api, project.Id, "line-b", Ct);
        Assert.Equal("line-a", (await api.DatasetsInfoAsync(new DatasetsInfoRequest { Id = lineA.Id }, Ct)).Name); called.Add("datasets.info");
        Assert.Equal(2, (await api.DatasetsListAsync(new DatasetsListRequest { ProjectId = project.Id }, Ct)).Total); called.Add("datasets.list");

        var red = TestImages.Solid(250, 10, 10);
        var known = await api.ImagesInternalHashesListAsync([Storage.BlobStore.HashOf(red)], Ct); called.Add("images.internal.hashes.list");
        Assert.Empty(known);
        var uploaded = await api.ImagesBulkUploadAsync([new StreamPart(new MemoryStream(red), "0", "image/png", "0-file")], Ct); called.Add("images.bulk.upload");
        Assert.Equal(Storage.BlobStore.HashOf(red), Assert.Single(uploaded).Hash);
        var added = await api.ImagesBulkAddAsync(new ImagesBulkAddRequest { DatasetId = lineA.Id, Images = [new ImagesBulkAddItem { Title = "red.png", Hash = uploaded[0].Hash }] }, Ct); called.Add("images.bulk.add");
        var image = Assert.Single(added);
        Assert.Equal((16, 12, "image/png"), (image.Width, image.Height, image.Mime));
        var info = await api.ImagesInfoAsync(new ImagesInfoRequest { Id = image.Id }, Ct); called.Add("images.info");
        Assert.Equal((image.Id, image.Hash, image.FullStorageUrl), (info.Id, info.Hash, info.FullStorageUrl));
        var page = await api.ImagesListAsync(new ImagesListRequest { DatasetId = lineA.Id }, Ct); called.Add("images.list");
        Assert.Equal(image.Id, Assert.Single(page.Entities).Id);
        using (var download = await api.ImagesDownloadAsync(new ImagesDownloadRequest { Id = image.Id }, Ct))
            Assert.Equal(red, await download.Content.ReadAsByteArrayAsync(Ct)); called.Add("images.download");
        var copy = Assert.Single(await api.ImagesBulkAddAsync(new ImagesBulkAddRequest { DatasetId = lineB.Id, Images = [new ImagesBulkAddItem { Title = "red-copy.png", ImageId = image.Id }] }, Ct));
        Assert.Equal(image.Hash, copy.Hash);
        await api.AnnotationsBulkCopyAsync(new AnnotationsBulkCopyRequest { SrcImageIds = [image.Id], DestImageIds = [copy.Id] }, Ct); called.Add("annotations.bulk.copy");
        await api.ImagesEmbeddingsUpdatedAtUpdateAsync(new ImagesEmbeddingsUpdatedAtUpdateRequest { Images = [new ImageEmbeddingsTimestamp { Id = image.Id, EmbeddingsUpdatedAt = null }] }, Ct); called.Add("images.embeddings-updated-at.update");

        await ServerScenarios.EnableAndWaitAsync(api, project.Id, Ct); called.Add("embeddings.calculate-project-embeddings"); called.Add("sly.embeddings.progress");
        var search = await api.EmbeddingsSendAiSearchAsync(new EmbeddingsSendAiSearchRequest { ProjectId = project.Id, Limit = 10, UniqueItems = 10, Prompt = "red" }, Ct); called.Add("embeddings.send-ai-search");
        Assert.NotNull(search.CollectionId);
        var projection = await api.SlyProjectsProjectionsAsync(new SlyProjectsProjectionsRequest { ProjectId = project.Id }, Ct); called.Add("sly.projects.projections");
        Assert.Equal(2, projection.Points.Count);
        var counts = await api.SlyProjectsDatasetCountsAsync(new SlyProjectsDatasetCountsRequest { ProjectId = project.Id, CollectionId = search.CollectionId }, Ct); called.Add("sly.projects.dataset-counts");
        Assert.Equal([1L, 1L], counts.Items.Select(i => i.ImagesCount));

        var collection = await api.EntitiesCollectionsAddAsync(new EntitiesCollectionsAddRequest { ProjectId = project.Id, Name = "review", Type = CollectionType.Default }, Ct); called.Add("entities-collections.add");
        var items = await api.EntitiesCollectionsItemsBulkAddAsync(new EntitiesCollectionsItemsBulkAddRequest { CollectionId = collection.Id, EntityIds = [image.Id, 999999] }, Ct); called.Add("entities-collections.items.bulk.add");
        Assert.Equal(image.Id, Assert.Single(items.Items).ImageId);
        Assert.Equal([999999L], items.Missing);
        Assert.Equal("review", (await api.EntitiesCollectionsInfoAsync(new EntitiesCollectionsInfoRequest { Id = collection.Id }, Ct)).Name); called.Add("entities-collections.info");
        Assert.Equal("review-2", (await api.EntitiesCollectionsEditInfoAsync(new EntitiesCollectionsEditInfoRequest { Id = collection.Id, Name = "review-2" }, Ct)).Name); called.Add("entities-collections.editInfo");
        var collections = await api.EntitiesCollectionsListAsync(new EntitiesCollectionsListRequest { ProjectId = project.Id, Type = "all" }, Ct); called.Add("entities-collections.list");
        Assert.Equal(2, collections.Total);
        var removed = await api.EntitiesCollectionsItemsBulkRemoveAsync(new EntitiesCollectionsItemsBulkRemoveRequest { CollectionId = collection.Id, EntityIds = [image.Id] }, Ct); called.Add("entities-collections.items.bulk.remove");
        Assert.Single(removed.Items);
        await api.EntitiesCollectionsRemoveAsync(new EntitiesCollectionsRemoveRequest { Id = collection.Id, HardDelete = true }, Ct); called.Add("entities-collections.remove");

        var jobs = await api.JobsAddAsync(new JobsAddRequest
        {
            Name = "check red", DatasetId = lineA.Id, UserIds = [me.Id, labeler.User.Id], Readme = "look closely",
            Meta = new LabelingJobCreateMeta { Classes = [], ProjectTags = [], ImageTags = [], EntityIds = [image.Id] },
        }, Ct); called.Add("jobs.add");
        Assert.Equal(2, jobs.Count);
        var job = await api.JobsInfoAsync(new JobsInfoRequest { Id = jobs[1].Id }, Ct); called.Add("jobs.info");
        Assert.Equal(("labeler", "line-a", 1), (job.LabelerLogin, job.DatasetTitle, job.ImagesCount));
        Assert.NotNull(job.Meta.Range);

        await api.ImagesBulkRemoveAsync(new ImagesBulkRemoveRequest { ImageIds = [copy.Id] }, Ct); called.Add("images.bulk.remove");
        Assert.Equal(0, (await api.ImagesListAsync(new ImagesListRequest { DatasetId = lineB.Id }, Ct)).Total);

        var contract = Sly.Api.SuperviselyOperations.All.Select(o => o.Path.TrimStart('/')).ToHashSet();
        Assert.Empty(contract.Except(called));
    }
}
