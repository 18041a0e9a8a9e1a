using Sly.Api;
using Sly.Server.Embeddings;
using Sly.Server.Search;
using Sly.Server.Storage;

namespace Sly.Server.Api.Handlers;

/// <summary>embeddings.calculate-project-embeddings (starts a background job, returns at once) and embeddings.send-ai-search.</summary>
public sealed class EmbeddingsHandlers(ProjectStore projects, VectorStore vectors, EmbeddingJobs jobs, AiSearchService search, RequestContext caller)
{
    public async Task<SuccessResponse> EmbeddingsCalculateProjectEmbeddingsAsync(EmbeddingsCalculateProjectEmbeddingsRequest request, CancellationToken cancellationToken)
    {
        var project = projects.RequireState(request.ProjectId);
        if (!project.EmbeddingsEnabled)
            return new SuccessResponse { Success = false, Message = $"AI Search is disabled for project {project.Id}. Skipping." };
        if (jobs.IsRunning(project.Id))
            return new SuccessResponse { Success = true, Message = "Embeddings creation is already in progress." };
        if (vectors.PendingCount(project.Id) == 0)
        {
            await projects.EditAsync(new ProjectsEditInfoRequest { Id = project.Id, EmbeddingsUpdatedAt = DateTimeOffset.UtcNow, Silent = true }, cancellationToken);
            return new SuccessResponse { Success = true, Message = "Nothing to update." };
        }
        await jobs.StartAsync(project.Id, cancellationToken);
        return new SuccessResponse { Success = true, Message = "Embeddings creation started." };
    }

    public Task<EmbeddingsSendAiSearchResponse> EmbeddingsSendAiSearchAsync(EmbeddingsSendAiSearchRequest request, CancellationToken cancellationToken) =>
        search.SearchAsync(request, caller.User, cancellationToken);
}
