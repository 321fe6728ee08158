// Command peer-go-decoder decodes the benchmark's stored Pods with Kubernetes' own Go code: apimachinery's
// protobuf serializer with client-go's scheme (what kube-apiserver and auger use), then encoding/json, on one
// goroutine. It reads the corpus the Java harness wrote (PodCorpus: a big-endian count, then per entry the key as
// Java's writeUTF, the mod revision, the value's length and bytes) and prints the same protocol lines as the Java
// children: "RESULT json <Pods/s>" and "RESULT json.cpu <Pods per CPU-second of the decoding thread>" per round, and
// "INFO key=value".
//
//	peer-go-decoder corpus-file warmup-seconds rounds
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
	"k8s.io/client-go/kubernetes/scheme"
)

type entry struct {
	key         string
	modRevision int64
	value       []byte
}

func main() {
	if len(os.Args) != 4 {
		fail(fmt.Errorf("usage: peer-go-decoder corpus-file warmup-seconds rounds"))
	}
	warmup, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fail(err)
	}
	rounds, err := strconv.Atoi(os.Args[3])
	if err != nil {
		fail(err)
	}
	entries, err := readCorpus(os.Args[1])
	if err != nil {
		fail(err)
	}
	serializer := protobuf.NewSerializer(scheme.Scheme, scheme.Scheme)
	podKind := corev1.SchemeGroupVersion.WithKind("Pod")
	decode := func(e entry) int {
		obj, gvk, err := serializer.Decode(e.value, &podKind, nil)
		if err != nil {
			fail(fmt.Errorf("%s: %w", e.key, err))
		}
		pod := obj.(*corev1.Pod)
		// what kube-apiserver does on read: the stored object has no TypeMeta and no resourceVersion
		pod.APIVersion, pod.Kind = gvk.GroupVersion().String(), gvk.Kind
		pod.ResourceVersion = strconv.FormatInt(e.modRevision, 10)
		out, err := json.Marshal(pod)
		if err != nil {
			fail(fmt.Errorf("%s: %w", e.key, err))
		}
		return len(out)
	}
	runtime.LockOSThread() // the decoding goroutine keeps its thread, whose CPU time is then its own
	fmt.Printf("INFO pods=%d\nINFO threads=1\nINFO go=%s\n", len(entries), runtime.Version())
	sink := 0
	for end := time.Now().Add(time.Duration(warmup) * time.Second); time.Now().Before(end); {
		for _, e := range entries {
			sink += decode(e)
		}
	}
	for r := 0; r < rounds; r++ {
		decoded := 0
		cpuStart := threadCPU()
		start := time.Now()
		var elapsed time.Duration
		for elapsed < time.Second {
			for _, e := range entries {
				sink += decode(e)
			}
			decoded += len(entries)
			elapsed = time.Since(start)
		}
		fmt.Printf("RESULT json %v\n", float64(decoded)/elapsed.Seconds())
		fmt.Printf("RESULT json.cpu %v\n", float64(decoded)/(threadCPU()-cpuStart).Seconds())
	}
	fmt.Printf("INFO json.sink=%d\n", sink)
}

func readCorpus(file string) ([]entry, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	in := bufio.NewReader(f)
	var count int32
	if err := binary.Read(in, binary.BigEndian, &count); err != nil {
		return nil, err
	}
	entries := make([]entry, 0, count)
	for i := int32(0); i < count; i++ {
		var keyLength uint16
		if err := binary.Read(in, binary.BigEndian, &keyLength); err != nil {
			return nil, err
		}
		key := make([]byte, keyLength) // etcd keys of Pods are ASCII, where Java's modified UTF-8 is plain UTF-8
		if _, err := io.ReadFull(in, key); err != nil {
			return nil, err
		}
		var e entry
		e.key = string(key)
		var valueLength int32
		if err := binary.Read(in, binary.BigEndian, &e.modRevision); err != nil {
			return nil, err
		}
		if err := binary.Read(in, binary.BigEndian, &valueLength); err != nil {
			return nil, err
		}
		e.value = make([]byte, valueLength)
		if _, err := io.ReadFull(in, e.value); err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// threadCPU is the CPU time of the calling OS thread (Linux RUSAGE_THREAD), user and system.
func threadCPU() time.Duration {
	const rusageThread = 1
	var usage syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &usage); err != nil {
		fail(err)
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "BENCHMARK FAILED:", err)
	os.Exit(1)
}
