using Sly.Api;
using Sly.Server.Storage;

namespace Sly.Server.Api;

/// <summary>jobs.add (one labeling job per labeler) and jobs.info.</summary>
public sealed class JobOperations(JobStore jobs)
{
    public void Register(OperationRouter router)
    {
        router.Map("jobs.add", Add);
        router.Map("jobs.info", Info);
    }

    private async Task<object?> Add(ApiContext context)
    {
        var request = await context.BodyAsync<JobsAddRequest>();
        if (string.IsNullOrWhiteSpace(request.Name))
            throw ApiError.BadRequest("'name' must be a non-empty job name");
        return jobs.Add(request, context.User.Id);
    }

    private async Task<object?> Info(ApiContext context)
    {
        var request = await context.BodyAsync<JobsInfoRequest>();
        return jobs.Get(request.Id) ?? throw ApiError.NotFound("Labeling job", request.Id);
    }
}
