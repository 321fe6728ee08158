// Command descriptorset compiles the generated.proto files of one Kubernetes version into a single protobuf
// FileDescriptorSet, the schemas etcd-registry decodes that version's stored objects with.
//
//	go run ./descriptorset -out kubernetes.binpb \
//	    k8s.io/api=$GOMODCACHE/k8s.io/api@v0.37.2 k8s.io/apimachinery=$GOMODCACHE/k8s.io/apimachinery@v0.37.2 ...
//
// Each argument maps a module path to its directory; imports such as "k8s.io/api/core/v1/generated.proto"
// resolve against those directories. Every generated.proto of every module is compiled, except test data.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bufbuild/protocompile"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

func main() {
	out := flag.String("out", "", "where to write the FileDescriptorSet")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: descriptorset -out FILE module=dir...")
		os.Exit(2)
	}
	modules := map[string]string{}
	for _, arg := range flag.Args() {
		module, dir, ok := strings.Cut(arg, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "descriptorset: %q is not module=dir\n", arg)
			os.Exit(2)
		}
		modules[module] = dir
	}
	if err := run(*out, modules); err != nil {
		fmt.Fprintf(os.Stderr, "descriptorset: %v\n", err)
		os.Exit(1)
	}
}

func run(out string, modules map[string]string) error {
	names, err := protoFiles(modules)
	if err != nil {
		return err
	}
	compiler := protocompile.Compiler{
		Resolver: protocompile.WithStandardImports(&protocompile.SourceResolver{
			Accessor: func(name string) (io.ReadCloser, error) { return open(modules, name) },
		}),
	}
	files, err := compiler.Compile(context.Background(), names...)
	if err != nil {
		return err
	}
	set := &descriptorpb.FileDescriptorSet{}
	seen := map[string]bool{}
	for _, file := range files {
		add(set, file, seen)
	}
	data, err := proto.Marshal(set)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out+".tmp", data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "descriptorset: %d files, %d bytes -> %s\n", len(set.File), len(data), out)
	return os.Rename(out+".tmp", out)
}

// add writes a file after its imports, as protobuf-java's FileDescriptor.buildFrom needs them first.
func add(set *descriptorpb.FileDescriptorSet, file protoreflect.FileDescriptor, seen map[string]bool) {
	if seen[file.Path()] {
		return
	}
	seen[file.Path()] = true
	imports := file.Imports()
	for i := 0; i < imports.Len(); i++ {
		add(set, imports.Get(i).FileDescriptor, seen)
	}
	set.File = append(set.File, protodesc.ToFileDescriptorProto(file))
}

// protoFiles lists every generated.proto under the modules, by import path, in a stable order.
func protoFiles(modules map[string]string) ([]string, error) {
	var names []string
	for module, dir := range modules {
		err := filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if entry.IsDir() && (entry.Name() == "testdata" || entry.Name() == "test") {
				return filepath.SkipDir
			}
			if !entry.IsDir() && entry.Name() == "generated.proto" {
				relative, err := filepath.Rel(dir, path)
				if err != nil {
					return err
				}
				names = append(names, module+"/"+filepath.ToSlash(relative))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no generated.proto found under %v", modules)
	}
	sort.Strings(names)
	return names, nil
}

func open(modules map[string]string, name string) (io.ReadCloser, error) {
	for module, dir := range modules {
		if rest, ok := strings.CutPrefix(name, module+"/"); ok {
			return os.Open(filepath.Join(dir, filepath.FromSlash(rest)))
		}
	}
	return nil, fs.ErrNotExist
}
