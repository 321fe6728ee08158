package io.github.etcdregistry.benchmarks.reuse;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The configuration every class of {@link SharedControlPlaneClasses} shares: one control plane for the whole run. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithEtcdRegistry(kubeApiServer = true, lifecycle = WithEtcdRegistry.Lifecycle.SHARED, backend = Backend.PROCESS)
public @interface SharedKubeApiServer {}
