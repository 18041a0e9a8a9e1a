using Sly.Api;
using Sly.Server.Storage;

namespace Sly.Server.Api.Handlers;

/// <summary>jobs.add (one labeling job per labeler) and jobs.info.</summary>
public sealed class JobsHandlers(JobStore jobs, RequestContext caller)
{
    public async Task<IReadOnlyList<JobsAddResult>> JobsAddAsync(JobsAddRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
            throw ApiError.BadRequest("'name' must be a non-empty job name");
        return await jobs.AddAsync(request, caller.User.Id, cancellationToken);
    }

    public Task<LabelingJobInfo> JobsInfoAsync(JobsInfoRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(jobs.Get(request.Id) ?? throw ApiError.NotFound("Labeling job", request.Id));
}
