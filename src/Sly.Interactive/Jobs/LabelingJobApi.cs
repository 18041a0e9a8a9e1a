using Sly.Api;
using Sly.Interactive.Transport;

namespace Sly.Interactive.Jobs;

/// <summary><c>api.LabelingJob</c>: labeling jobs, one per labeler, as the Python SDK's LabelingJobApi.create.</summary>
public sealed class LabelingJobApi(ISupervisely api)
{
    /// <summary>Creates a job per user over a dataset (or only <paramref name="imageIds"/> of it) and returns their infos.</summary>
    public async Task<List<LabelingJobInfo>> CreateAsync(string name, long datasetId, IReadOnlyList<long> userIds, string readme = "", string description = "",
        IReadOnlyList<long>? imageIds = null, IReadOnlyList<string>? classes = null, long? reviewerId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count == 0)
            throw new ArgumentException("userIds must name at least one labeler.", nameof(userIds));
        var created = await api.JobsAddAsync(new JobsAddRequest
        {
            Name = name, DatasetId = datasetId, UserIds = userIds, Readme = readme, Description = description, ReviewerId = reviewerId,
            Meta = new LabelingJobCreateMeta
            {
                Classes = classes ?? [], ProjectTags = [], ImageTags = [], ImageFiguresLimit = 0, ImageTagsLimit = 0,
                EntityIds = imageIds ?? [], DynamicClasses = false, DynamicTags = false, AllowRestore = false,
            },
        }, cancellationToken);
        var jobs = new List<LabelingJobInfo>();
        foreach (var job in created)
            jobs.Add(await api.JobsInfoAsync(new JobsInfoRequest { Id = job.Id }, cancellationToken));
        return jobs;
    }

    /// <summary>The labeling job.</summary>
    public Task<LabelingJobInfo> GetInfoByIdAsync(long id, CancellationToken cancellationToken = default) =>
        api.JobsInfoAsync(new JobsInfoRequest { Id = id }, cancellationToken);
}
