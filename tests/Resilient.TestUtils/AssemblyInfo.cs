[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Resilient.Core.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Resilient.Http.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Resilient.Benchmarks")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Resilient.ServiceDiscovery.Tests")]
