package io.github.etcdregistry.controllers;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;

@WithEtcdRegistry(kubeControllerManager = true, backend = Backend.PROCESS)
class ProcessControllersTest extends ControllersStoreContract {}
