using Sly.Api;
using Sly.Server.Api.Handlers;

namespace Sly.Server.Api;

/// <summary>Maps every operation of the contract onto its typed handler.</summary>
internal static class HandlerEndpoints
{
    public static void Map(OperationRouter router)
    {
        Json<TeamsHandlers, TeamsListRequest?>(router, "teams.list", (h, r, c) => h.TeamsListAsync(r, c), optional: true);
        Json<WorkspacesHandlers, WorkspacesListRequest>(router, "workspaces.list", (h, r, c) => h.WorkspacesListAsync(r, c));
        Json<ProjectsHandlers, ProjectsInfoRequest>(router, "projects.info", (h, r, c) => h.ProjectsInfoAsync(r, c));
        Json<ProjectsHandlers, ProjectsListRequest>(router, "projects.list", (h, r, c) => h.ProjectsListAsync(r, c));
        Json<ProjectsHandlers, ProjectsListAllRequest?>(router, "projects.list.all", (h, r, c) => h.ProjectsListAllAsync(r, c), optional: true);
        Json<ProjectsHandlers, ProjectsAddRequest>(router, "projects.add", (h, r, c) => h.ProjectsAddAsync(r, c));
        Json<ProjectsHandlers, ProjectsEditInfoRequest>(router, "projects.editInfo", (h, r, c) => h.ProjectsEditInfoAsync(r, c));
        Json<ProjectsHandlers, ProjectsEmbeddingsInProgressUpdateRequest>(router, "projects.embeddings-in-progress.update", (h, r, c) => h.ProjectsEmbeddingsInProgressUpdateAsync(r, c));
        Json<ProjectsHandlers, ProjectsMetaRequest>(router, "projects.meta", (h, r, c) => h.ProjectsMetaAsync(r, c));
        Json<ProjectsHandlers, ProjectsMetaUpdateRequest>(router, "projects.meta.update", (h, r, c) => h.ProjectsMetaUpdateAsync(r, c));
        Json<ProjectsHandlers, ProjectsSettingsUpdateRequest>(router, "projects.settings.update", (h, r, c) => h.ProjectsSettingsUpdateAsync(r, c));
        Json<EmbeddingsHandlers, EmbeddingsCalculateProjectEmbeddingsRequest>(router, "embeddings.calculate-project-embeddings", (h, r, c) => h.EmbeddingsCalculateProjectEmbeddingsAsync(r, c));
        Json<EmbeddingsHandlers, EmbeddingsSendAiSearchRequest>(router, "embeddings.send-ai-search", (h, r, c) => h.EmbeddingsSendAiSearchAsync(r, c));
        Json<EntitiesCollectionsHandlers, EntitiesCollectionsAddRequest>(router, "entities-collections.add", (h, r, c) => h.EntitiesCollectionsAddAsync(r, c));
        Json<EntitiesCollectionsHandlers, EntitiesCollectionsListRequest>(router, "entities-collections.list", (h, r, c) => h.EntitiesCollectionsListAsync(r, c));
        Json<EntitiesCollectionsHandlers, EntitiesCollectionsInfoRequest>(router, "entities-collections.info", (h, r, c) => h.EntitiesCollectionsInfoAsync(r, c));
        Json<EntitiesCollectionsHandlers, EntitiesCollectionsEditInfoRequest>(router, "entities-collections.editInfo", (h, r, c) => h.EntitiesCollectionsEditInfoAsync(r, c));
        Json<EntitiesCollectionsHandlers, EntitiesCollectionsRemoveRequest>(router, "entities-collections.remove", (h, r, c) => h.EntitiesCollectionsRemoveAsync(r, c));
        Json<EntitiesCollectionsHandlers, EntitiesCollectionsItemsBulkAddRequest>(router, "entities-collections.items.bulk.add", (h, r, c) => h.EntitiesCollectionsItemsBulkAddAsync(r, c));
        Json<EntitiesCollectionsHandlers, EntitiesCollectionsItemsBulkRemoveRequest>(router, "entities-collections.items.bulk.remove", (h, r, c) => h.EntitiesCollectionsItemsBulkRemoveAsync(r, c));
        Json<ImagesHandlers, ImagesListRequest>(router, "images.list", (h, r, c) => h.ImagesListAsync(r, c));
        Json<ImagesHandlers, ImagesInfoRequest>(router, "images.info", (h, r, c) => h.ImagesInfoAsync(r, c));
        Json<ImagesHandlers, ImagesDownloadRequest>(router, "images.download", (h, r, c) => h.ImagesDownloadAsync(r, c));
        Json<ImagesHandlers, List<string>>(router, "images.internal.hashes.list", (h, r, c) => h.ImagesInternalHashesListAsync(r, c));
        router.Map("images.bulk.upload", async context => await Handler<ImagesHandlers>(context).ImagesBulkUploadAsync(await context.FormFilesAsync(), context.Aborted));
        Json<ImagesHandlers, ImagesBulkAddRequest>(router, "images.bulk.add", (h, r, c) => h.ImagesBulkAddAsync(r, c));
        Json<ImagesHandlers, ImagesBulkRemoveRequest>(router, "images.bulk.remove", (h, r, c) => h.ImagesBulkRemoveAsync(r, c));
        Json<ImagesHandlers, ImagesEmbeddingsUpdatedAtUpdateRequest>(router, "images.embeddings-updated-at.update", (h, r, c) => h.ImagesEmbeddingsUpdatedAtUpdateAsync(r, c));
        Json<DatasetsHandlers, DatasetsAddRequest>(router, "datasets.add", (h, r, c) => h.DatasetsAddAsync(r, c));
        Json<DatasetsHandlers, DatasetsListRequest>(router, "datasets.list", (h, r, c) => h.DatasetsListAsync(r, c));
        Json<DatasetsHandlers, DatasetsInfoRequest>(router, "datasets.info", (h, r, c) => h.DatasetsInfoAsync(r, c));
        Json<AnnotationsHandlers, AnnotationsBulkCopyRequest>(router, "annotations.bulk.copy", (h, r, c) => h.AnnotationsBulkCopyAsync(r, c));
        Json<JobsHandlers, JobsAddRequest>(router, "jobs.add", (h, r, c) => h.JobsAddAsync(r, c));
        Json<JobsHandlers, JobsInfoRequest>(router, "jobs.info", (h, r, c) => h.JobsInfoAsync(r, c));
        Json<InstanceHandlers, System.Text.Json.Nodes.JsonObject?>(router, "instance.version", (h, r, c) => h.InstanceVersionAsync(r, c), optional: true);
        Json<UsersHandlers, System.Text.Json.Nodes.JsonObject?>(router, "users.me", (h, r, c) => h.UsersMeAsync(r, c), optional: true);
        Json<SlyExtensionsHandlers, SlyProjectsProjectionsRequest>(router, "sly.projects.projections", (h, r, c) => h.SlyProjectsProjectionsAsync(r, c));
        Json<SlyExtensionsHandlers, SlyProjectsDatasetCountsRequest>(router, "sly.projects.dataset-counts", (h, r, c) => h.SlyProjectsDatasetCountsAsync(r, c));
        Json<SlyExtensionsHandlers, SlyEmbeddingsProgressRequest>(router, "sly.embeddings.progress", (h, r, c) => h.SlyEmbeddingsProgressAsync(r, c));
        Json<SlyExtensionsHandlers, SlyUsersAddRequest>(router, "sly.users.add", (h, r, c) => h.SlyUsersAddAsync(r, c));
    }

    private static void Json<THandler, TRequest>(OperationRouter router, string method, Func<THandler, TRequest, CancellationToken, Task> call, bool optional = false)
        where THandler : notnull =>
        router.Map(method, async context =>
        {
            var request = await context.BodyAsync<TRequest>(optional);
            var task = call(Handler<THandler>(context), request, context.Aborted);
            await task;
            return task.GetType().GetProperty("Result")?.GetValue(task);
        });

    private static T Handler<T>(ApiContext context) where T : notnull => context.Http.RequestServices.GetRequiredService<T>();
}
