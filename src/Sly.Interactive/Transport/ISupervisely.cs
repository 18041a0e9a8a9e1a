using Sly.Api;

namespace Sly.Interactive.Transport;

/// <summary>
/// The whole Supervisely AI-search contract as one Refit client. The tag interfaces are generated into Sly.Api;
/// declaring their union here, downstream, lets Refit's own generator implement every inherited method
/// (generators cannot see each other's output inside one compilation).
/// </summary>
public partial interface ISupervisely :
    ITeamsApi,
    IWorkspacesApi,
    IProjectsApi,
    IEmbeddingsApi,
    IEntitiesCollectionsApi,
    IImagesApi,
    IDatasetsApi,
    IAnnotationsApi,
    IJobsApi,
    IInstanceApi,
    IUsersApi,
    ISlyExtensionsApi
{
}
