// Command fuzz-corpus writes objects filled by Kubernetes' own roundtrip fuzzer, as kube-apiserver stores them and as
// it answers for them, for a differential test of another decoder. For every kind the storage table (data.go's, as
// control-plane/storage-tables wrote it) says kube-apiserver stores, it fills internal objects with the fuzzer
// functions of k8s.io/kubernetes/pkg/api/testing (and of apiextensions-apiserver for CRDs), converts each to the stored
// version, encodes it with apimachinery's protobuf serializer (the k8s\0 envelope), and decodes those bytes back with
// the same serializer and encodes them with the JSON serializer: kube-apiserver's answer for the stored object.
// Custom resources, stored as JSON, get fuzzed metadata and random JSON content.
//
// The output is gzipped JSON lines: a header {"kubernetesVersion", "seed", "objectsPerKind", "kinds"}, then per
// object {"key", "modRevision", "apiVersion", "kind", "encoding", "value" (base64), "json" (kube-apiserver's JSON)}.
//
//	fuzz-corpus -table v1.37.2.tsv -kubernetes-version v1.37.2 -objects 100 -seed 1 -out corpus.jsonl.gz
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	apiextensionsfuzzer "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/fuzzer"
	apiextensionsinstall "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/install"
	"k8s.io/apimachinery/pkg/api/apitesting/fuzzer"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	jsonserializer "k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
	apiregistrationinstall "k8s.io/kube-aggregator/pkg/apis/apiregistration/install"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	apitesting "k8s.io/kubernetes/pkg/api/testing" // also installs the groups it tests into legacyscheme
	apiserverinternalfuzzer "k8s.io/kubernetes/pkg/apis/apiserverinternal/fuzzer"
	_ "k8s.io/kubernetes/pkg/apis/apiserverinternal/install" // stored, but not among the groups pkg/api/testing installs
	_ "k8s.io/kubernetes/pkg/apis/storagemigration/install"
	"sigs.k8s.io/randfill"
)

// storedKind is one kind as kube-apiserver stores it: its stored group/version/kind and the key prefix of data.go's example.
type storedKind struct {
	gvk       schema.GroupVersionKind
	keyPrefix string
	custom    bool
}

// jsonStored are the built-in groups kube-apiserver stores as JSON: their storage codec is the scheme's LegacyCodec
// (pkg/controlplane/apiserver/apiextensions.go and aggregator.go), which encodes JSON whatever the storage media type.
var jsonStored = map[string]bool{"apiextensions.k8s.io": true, "apiregistration.k8s.io": true}

type entry struct {
	Key         string `json:"key"`
	ModRevision int64  `json:"modRevision"`
	APIVersion  string `json:"apiVersion"`
	Kind        string `json:"kind"`
	Encoding    string `json:"encoding"`
	Value       []byte `json:"value"`
	JSON        string `json:"json"`
}

func main() {
	table := flag.String("table", "", "the storage table (a v1.Y.Z.tsv of control-plane/storage-tables)")
	version := flag.String("kubernetes-version", "", "the Kubernetes version of the table, written into the header")
	objects := flag.Int("objects", 100, "objects per kind")
	seed := flag.Int64("seed", 1, "the fuzzer's seed; each kind's source is derived from it and the kind")
	out := flag.String("out", "", "the corpus file to write (gzipped JSON lines)")
	listPointers := flag.Bool("pointer-strings", false, "print the pointer string fields of the protobuf-stored kinds and exit")
	flag.Parse()
	if *table == "" || (*out == "" && !*listPointers) || *objects < 1 {
		fail(fmt.Errorf("usage: fuzz-corpus -table FILE -kubernetes-version V -objects N -seed S -out FILE"))
	}
	scheme := legacyscheme.Scheme
	// the groups that live outside k8s.io/kubernetes: CRDs and APIServices
	apiextensionsinstall.Install(scheme)
	apiregistrationinstall.Install(scheme)
	kinds, err := readTable(*table, scheme)
	if err != nil {
		fail(err)
	}
	pointers := pointerStrings(scheme, kinds)
	if *listPointers {
		for _, field := range pointers {
			fmt.Println(field)
		}
		return
	}
	funcs := fuzzer.MergeFuzzerFuncs(apitesting.FuzzerFuncs, apiserverinternalfuzzer.Funcs, apiextensionsfuzzer.Funcs)

	file, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	zipped := gzip.NewWriter(file)
	lines := bufio.NewWriter(zipped)
	write := func(v any) {
		line, err := json.Marshal(v)
		if err != nil {
			fail(err)
		}
		lines.Write(line)
		lines.WriteByte('\n')
	}
	names := make([]string, 0, len(kinds))
	for _, k := range kinds {
		names = append(names, k.gvk.GroupVersion().String()+" "+k.gvk.Kind)
	}
	write(map[string]any{"kubernetesVersion": *version, "seed": *seed, "objectsPerKind": *objects, "kinds": names,
		"pointerStrings": pointers})

	proto := protobuf.NewSerializer(scheme, scheme)
	jsonOut := jsonserializer.NewSerializerWithOptions(jsonserializer.DefaultMetaFactory, scheme, scheme, jsonserializer.SerializerOptions{})
	revision := int64(0)
	for _, k := range kinds {
		filler := fuzzer.FuzzerFor(funcs, rand.NewSource(*seed^kindSeed(k.gvk)), legacyscheme.Codecs)
		for i := 0; i < *objects; i++ {
			revision++
			key := fmt.Sprintf("%sfuzz-%d", k.keyPrefix, i)
			var e entry
			if k.custom {
				e, err = customResource(filler, k.gvk, revision)
			} else {
				e, err = builtIn(filler, scheme, proto, jsonOut, k.gvk, revision)
			}
			if err != nil {
				fail(fmt.Errorf("%s #%d: %w", k.gvk, i, err))
			}
			e.Key, e.ModRevision = key, revision
			write(e)
		}
	}
	if err := lines.Flush(); err != nil {
		fail(err)
	}
	if err := zipped.Close(); err != nil {
		fail(err)
	}
	if err := file.Close(); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "fuzz-corpus: %d objects of %d kinds -> %s\n", revision, len(kinds), *out)
}

// builtIn fills an internal object as Kubernetes' roundtrip test does, converts it to the stored version and encodes it
// as the storage layer does; the expected JSON is what kube-apiserver answers for those bytes.
func builtIn(filler *randfill.Filler, scheme *runtime.Scheme, proto, jsonOut runtime.Serializer,
	gvk schema.GroupVersionKind, revision int64) (entry, error) {
	internal, err := scheme.New(gvk.GroupKind().WithVersion(runtime.APIVersionInternal))
	if err != nil {
		return entry{}, err
	}
	filler.Fill(internal)
	external, err := scheme.ConvertToVersion(internal, gvk.GroupVersion())
	if err != nil {
		return entry{}, fmt.Errorf("conversion to the stored version: %w", err)
	}
	// what the storage layer does before writing: the stored object names its kind, and has no resourceVersion or selfLink
	external.GetObjectKind().SetGroupVersionKind(gvk)
	accessor, err := meta.Accessor(external)
	if err != nil {
		return entry{}, err
	}
	accessor.SetResourceVersion("")
	accessor.SetSelfLink("")
	serializer, encoding := runtime.Serializer(proto), "protobuf"
	if jsonStored[gvk.Group] {
		serializer, encoding = jsonOut, "json"
	}
	var stored bytes.Buffer
	if err := serializer.Encode(external, &stored); err != nil {
		return entry{}, fmt.Errorf("%s encoding: %w", encoding, err)
	}
	// and on a read: decoded from those bytes, the kind named, resourceVersion from the key's mod_revision
	decoded, _, err := serializer.Decode(stored.Bytes(), &gvk, nil)
	if err != nil {
		return entry{}, fmt.Errorf("%s decoding: %w", encoding, err)
	}
	decoded.GetObjectKind().SetGroupVersionKind(gvk)
	if accessor, err = meta.Accessor(decoded); err != nil {
		return entry{}, err
	}
	accessor.SetResourceVersion(strconv.FormatInt(revision, 10))
	var answer bytes.Buffer
	if err := jsonOut.Encode(decoded, &answer); err != nil {
		return entry{}, fmt.Errorf("JSON encoding: %w", err)
	}
	return entry{APIVersion: gvk.GroupVersion().String(), Kind: gvk.Kind, Encoding: encoding, Value: stored.Bytes(),
		JSON: answer.String()}, nil
}

// customResource is a custom resource as kube-apiserver stores it (JSON): fuzzed metadata and random JSON content.
func customResource(filler *randfill.Filler, gvk schema.GroupVersionKind, revision int64) (entry, error) {
	var objectMeta metav1.ObjectMeta
	filler.Fill(&objectMeta)
	objectMeta.ResourceVersion, objectMeta.SelfLink = "", ""
	metadata, err := runtime.DefaultUnstructuredConverter.ToUnstructured(&objectMeta)
	if err != nil {
		return entry{}, err
	}
	var contentSeed int64
	filler.Fill(&contentSeed)
	r := rand.New(rand.NewSource(contentSeed))
	object := unstructured.Unstructured{Object: map[string]any{"metadata": metadata, "spec": randomObject(r, 3)}}
	object.SetGroupVersionKind(gvk)
	stored, err := object.MarshalJSON()
	if err != nil {
		return entry{}, err
	}
	// kube-apiserver decodes the stored JSON into an Unstructured and encodes it again on a read
	var read unstructured.Unstructured
	if err := read.UnmarshalJSON(stored); err != nil {
		return entry{}, err
	}
	read.SetResourceVersion(strconv.FormatInt(revision, 10))
	answer, err := read.MarshalJSON()
	if err != nil {
		return entry{}, err
	}
	return entry{APIVersion: gvk.GroupVersion().String(), Kind: gvk.Kind, Encoding: "json", Value: stored, JSON: string(answer)}, nil
}

// randomObject is JSON content as a custom resource may hold it: the value kinds Go's JSON decoder yields, at their edges.
func randomObject(r *rand.Rand, depth int) map[string]any {
	object := map[string]any{}
	for i := r.Intn(5); i > 0; i-- {
		object[randomString(r)] = randomValue(r, depth-1)
	}
	return object
}

func randomValue(r *rand.Rand, depth int) any {
	limit := 9
	if depth <= 0 {
		limit = 7 // scalars only
	}
	switch r.Intn(limit) {
	case 0:
		return nil
	case 1:
		return r.Intn(2) == 0
	case 2:
		return []int64{0, -1, math.MaxInt64, math.MinInt64, 1 << 53, 1<<53 + 1}[r.Intn(6)]
	case 3:
		return r.Int63() - r.Int63()
	case 4:
		return []float64{0.5, -0.0, 1e21, 1e-7, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64, 3.0}[r.Intn(8)]
	case 5:
		return r.NormFloat64() * math.Pow(10, float64(r.Intn(40)-20))
	case 6:
		return randomString(r)
	case 7:
		list := []any{}
		for i := r.Intn(4); i > 0; i-- {
			list = append(list, randomValue(r, depth-1))
		}
		return list
	default:
		return randomObject(r, depth)
	}
}

// randomString mixes ASCII, characters JSON escapes, HTML characters Go escapes, and characters beyond the BMP.
func randomString(r *rand.Rand) string {
	alphabet := []rune("abcXYZ019 -_./\"\\\n\t\x00\x1f<>&\u2028\u00e9\u4e2d\U0001F600")
	runes := make([]rune, r.Intn(12))
	for i := range runes {
		runes[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(runes)
}

// pointerStrings names, as proto fields (k8s.io.api.core.v1.PersistentVolumeClaimSpec.storageClassName), the Go
// *string fields of the protobuf-stored kinds: there "" is a value, where a plain string's "" is its zero value.
func pointerStrings(scheme *runtime.Scheme, kinds []storedKind) []string {
	found := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map || t.Kind() == reflect.Array {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		message := strings.NewReplacer("/", ".", "-", "_").Replace(t.PkgPath()) + "." + t.Name()
		for i := 0; i < t.NumField(); i++ {
			field := t.Field(i)
			if field.Type.Kind() == reflect.Pointer && field.Type.Elem().Kind() == reflect.String {
				for _, part := range strings.Split(field.Tag.Get("protobuf"), ",") {
					if name, ok := strings.CutPrefix(part, "name="); ok {
						found[message+"."+name] = true
					}
				}
			}
			walk(field.Type)
		}
	}
	for _, k := range kinds {
		if k.custom || jsonStored[k.gvk.Group] {
			continue
		}
		if t, ok := scheme.AllKnownTypes()[k.gvk]; ok {
			walk(t)
		}
	}
	names := make([]string, 0, len(found))
	for name := range found {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// readTable lists each stored kind once, sorted, from the table's rows: the stored group/version is data.go's expected
// one where it names one, else the served one; the kind is data.go's, else the one the scheme serves the resource as.
func readTable(path string, scheme *runtime.Scheme) ([]storedKind, error) {
	content, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	seen := map[schema.GroupVersionKind]storedKind{}
	header := true
	for _, line := range strings.Split(string(content), "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if header {
			header = false
			continue
		}
		cells := strings.Split(line, "\t")
		if len(cells) < 6 {
			return nil, fmt.Errorf("%s: a row of %d cells: %q", path, len(cells), line)
		}
		group, version, resource, etcdPath, expected, kind := cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]
		gv := schema.GroupVersion{Group: group, Version: version}
		if expected != "" {
			parts := strings.Split(expected, "/")
			gv, kind = schema.GroupVersion{Group: parts[0], Version: parts[1]}, parts[2]
		}
		custom := strings.Contains(group, ".") && !strings.HasSuffix(group, ".k8s.io")
		if kind == "" {
			if kind, err = kindOf(scheme, gv, resource); err != nil {
				return nil, err
			}
		}
		gvk := gv.WithKind(kind)
		if _, ok := seen[gvk]; !ok {
			seen[gvk] = storedKind{gvk: gvk, keyPrefix: keyPrefix(etcdPath), custom: custom}
		}
	}
	kinds := make([]storedKind, 0, len(seen))
	for _, k := range seen {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i].gvk.String() < kinds[j].gvk.String() })
	return kinds, nil
}

// kindOf names the kind a group/version serves a resource as: the kind whose lower-case name or guessed plural it is.
func kindOf(scheme *runtime.Scheme, gv schema.GroupVersion, resource string) (string, error) {
	for kind := range scheme.KnownTypes(gv) {
		plural, _ := meta.UnsafeGuessKindToResource(gv.WithKind(kind))
		if strings.ToLower(kind) == resource || plural.Resource == resource {
			return kind, nil
		}
	}
	return "", fmt.Errorf("no kind of %s is stored as %s", gv, resource)
}

// keyPrefix is the example's key without its name, and with a namespace of the corpus' own.
func keyPrefix(etcdPath string) string {
	return strings.Replace(etcdPath[:strings.LastIndex(etcdPath, "/")+1], "{namespace}", "fuzz", 1)
}

func kindSeed(gvk schema.GroupVersionKind) int64 {
	h := fnv.New64a()
	h.Write([]byte(gvk.String()))
	return int64(h.Sum64())
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "fuzz-corpus: %v\n", err)
	os.Exit(1)
}
