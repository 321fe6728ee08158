package io.github.etcdregistry.oracle;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;

@WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS)
class ProcessOracleTest extends StoredObjectsMatchApiServerContract {}
