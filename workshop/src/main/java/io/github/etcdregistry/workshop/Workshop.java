package io.github.etcdregistry.workshop;

import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The control plane of the workshop: etcd, kube-apiserver and kube-controller-manager, started once and shared by
 * every lesson of the run, so that a lesson costs seconds, not a start. No Pod runs on it; lesson 9, on simulated
 * nodes, starts its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@WithEtcdRegistry(kubeApiServer = true, kubeControllerManager = true, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
public @interface Workshop {
}
