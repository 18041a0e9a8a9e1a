using Sly.Api;
using Sly.Server.Embeddings;
using Sly.Server.Search;
using Sly.Server.Storage;

namespace Sly.Server.Api;

/// <summary>embeddings.calculate-project-embeddings (starts a background job, returns at once) and embeddings.send-ai-search.</summary>
public sealed class EmbeddingOperations(ProjectStore projects, VectorStore vectors, EmbeddingJobs jobs, AiSearchService search)
{
    public void Register(OperationRouter router)
    {
        router.Map("embeddings.calculate-project-embeddings", Calculate);
        router.Map("embeddings.send-ai-search", Search);
    }

    private async Task<object?> Calculate(ApiContext context)
    {
        var request = await context.BodyAsync<EmbeddingsCalculateProjectEmbeddingsRequest>();
        var project = projects.RequireState(request.ProjectId);
        if (!project.EmbeddingsEnabled)
            return new SuccessResponse { Success = false, Message = $"AI Search is disabled for project {project.Id}. Skipping." };
        if (jobs.IsRunning(project.Id))
            return new SuccessResponse { Success = true, Message = "Embeddings creation is already in progress." };
        if (vectors.PendingCount(project.Id) == 0)
        {
            projects.Edit(new ProjectsEditInfoRequest { Id = project.Id, EmbeddingsUpdatedAt = DateTimeOffset.UtcNow, Silent = true });
            return new SuccessResponse { Success = true, Message = "Nothing to update." };
        }
        jobs.Start(project.Id);
        return new SuccessResponse { Success = true, Message = "Embeddings creation started." };
    }

    private async Task<object?> Search(ApiContext context)
    {
        var request = await context.BodyAsync<EmbeddingsSendAiSearchRequest>();
        return await search.SearchAsync(request, context.User, context.Aborted);
    }
}
