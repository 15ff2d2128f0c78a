// Command notecheck runs Veridict's signed notes, checkpoints and Merkle trees through the Go
// checksum database's own packages (golang.org/x/mod/sumdb/note and .../tlog), so that a test can
// compare their answers with Veridict's. Hashes are given and printed in hex.
//
//	notecheck verify VERIFIER_KEY NOTE_FILE   open the note; print its text
//	notecheck sign SIGNER_KEY TEXT_FILE       sign the text; print the note
//	notecheck root LEAF_HASH...               print the RFC 6962 root of the leaf hashes
//	notecheck checkrecord INDEX TREE_SIZE TREE_ROOT LEAF_HASH PROOF_HASH...
//	                                          tlog.CheckRecord: is the leaf at INDEX of the tree?
//	notecheck checktree OLD_SIZE OLD_ROOT NEW_SIZE NEW_ROOT PROOF_HASH...
//	                                          tlog.CheckTree: is the old tree a prefix of the new?
//	notecheck proverecord INDEX TREE_SIZE LEAF_HASH...
//	                                          tlog.ProveRecord over the stored leaf hashes, for
//	                                          the tree of their first TREE_SIZE; print the proof,
//	                                          one hash a line
//	notecheck provetree OLD_SIZE LEAF_HASH... tlog.ProveTree from the tree of the first OLD_SIZE
//	                                          leaf hashes to the tree of all; print the proof
//	notecheck batch CASES_FILE                run each non-blank line of the file as one of the
//	                                          four commands above; print a line for each:
//	                                          "ok" and the proof's hashes, or "error MESSAGE"
//
// Errors go to standard error with exit status 1.
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: notecheck verify|sign|root|checkrecord|checktree|proverecord|provetree|batch ...")
	}
	switch os.Args[1] {
	case "verify":
		verifier, err := note.NewVerifier(os.Args[2])
		check(err)
		msg, err := os.ReadFile(os.Args[3])
		check(err)
		n, err := note.Open(msg, note.VerifierList(verifier))
		check(err)
		fmt.Print(n.Text)
	case "sign":
		signer, err := note.NewSigner(os.Args[2])
		check(err)
		text, err := os.ReadFile(os.Args[3])
		check(err)
		msg, err := note.Sign(&note.Note{Text: string(text)}, signer)
		check(err)
		os.Stdout.Write(msg)
	case "root":
		leaves := &arguments{list: os.Args[2:]}
		reader, size := store(leaves.hashes())
		check(leaves.err)
		root, err := tlog.TreeHash(size, reader)
		check(err)
		fmt.Println(hex.EncodeToString(root[:]))
	case "checkrecord", "checktree", "proverecord", "provetree":
		proof, err := proofCommand(os.Args[1], os.Args[2:])
		check(err)
		for _, h := range proof {
			fmt.Println(hex.EncodeToString(h[:]))
		}
	case "batch":
		if len(os.Args) != 3 {
			fail("usage: notecheck batch CASES_FILE")
		}
		cases, err := os.ReadFile(os.Args[2])
		check(err)
		out := bufio.NewWriter(os.Stdout)
		for _, line := range strings.Split(string(cases), "\n") {
			fields := strings.Fields(line)
			if len(fields) == 0 {
				continue
			}
			proof, err := proofCommand(fields[0], fields[1:])
			if err != nil {
				fmt.Fprintln(out, "error", err)
				continue
			}
			out.WriteString("ok")
			for _, h := range proof {
				out.WriteString(" " + hex.EncodeToString(h[:]))
			}
			out.WriteString("\n")
		}
		check(out.Flush())
	default:
		fail("unknown command " + os.Args[1])
	}
}

// proofCommand runs one of the commands checkrecord, checktree, proverecord and provetree and
// returns the proof it made (none for the checks), or why the check or the proof failed.
func proofCommand(command string, list []string) ([]tlog.Hash, error) {
	args := &arguments{list: list}
	switch command {
	case "checkrecord":
		index, size, root, leaf := args.int(), args.int(), args.hash(), args.hash()
		proof := args.hashes()
		if args.err != nil {
			return nil, args.err
		}
		return nil, tlog.CheckRecord(proof, size, root, index, leaf)
	case "checktree":
		oldSize, oldRoot, newSize, newRoot := args.int(), args.hash(), args.int(), args.hash()
		proof := args.hashes()
		if args.err != nil {
			return nil, args.err
		}
		// CheckTree(p, t, th, n, h) checks that the tree of size n and hash h is a prefix of
		// the tree of size t and hash th: the newer tree comes first.
		return nil, tlog.CheckTree(proof, newSize, newRoot, oldSize, oldRoot)
	case "proverecord":
		index, size := args.int(), args.int()
		reader, _ := store(args.hashes())
		if args.err != nil {
			return nil, args.err
		}
		return tlog.ProveRecord(size, index, reader)
	case "provetree":
		oldSize := args.int()
		reader, newSize := store(args.hashes())
		if args.err != nil {
			return nil, args.err
		}
		return tlog.ProveTree(newSize, oldSize, reader)
	default:
		return nil, fmt.Errorf("unknown command %s", command)
	}
}

// store lays the leaf hashes out as tlog stores a log's hashes and returns a reader of them and
// the number of leaves.
func store(leaves []tlog.Hash) (tlog.HashReader, int64) {
	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			if x < 0 || x >= int64(len(stored)) {
				return nil, fmt.Errorf("hash %d is not stored", x)
			}
			out[i] = stored[x]
		}
		return out, nil
	})
	for i, leaf := range leaves {
		hashes, err := tlog.StoredHashesForRecordHash(int64(i), leaf, reader)
		check(err)
		stored = append(stored, hashes...)
	}
	return reader, int64(len(leaves))
}

// arguments reads a command's arguments in order; the first one missing or malformed sets err.
type arguments struct {
	list []string
	err  error
}

func (a *arguments) next() string {
	if len(a.list) == 0 {
		if a.err == nil {
			a.err = fmt.Errorf("too few arguments")
		}
		return ""
	}
	arg := a.list[0]
	a.list = a.list[1:]
	return arg
}

func (a *arguments) int() int64 {
	arg := a.next()
	n, err := strconv.ParseInt(arg, 10, 64)
	if err != nil && a.err == nil {
		a.err = fmt.Errorf("not a number: %q", arg)
	}
	return n
}

func (a *arguments) hash() tlog.Hash {
	arg := a.next()
	var h tlog.Hash
	raw, err := hex.DecodeString(arg)
	if (err != nil || len(raw) != len(h)) && a.err == nil {
		a.err = fmt.Errorf("not a hex SHA-256 hash: %q", arg)
	}
	copy(h[:], raw)
	return h
}

// hashes reads all the remaining arguments as hashes.
func (a *arguments) hashes() []tlog.Hash {
	var out []tlog.Hash
	for len(a.list) > 0 {
		out = append(out, a.hash())
	}
	return out
}

func check(err error) {
	if err != nil {
		fail(err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(1)
}
